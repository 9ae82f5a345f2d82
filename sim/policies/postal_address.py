"""Postal addresses at home: the home municipality registers postal addresses itself, so
homelessness does not move responsibility to the centrumgemeente (000 Hans)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import HOME, Municipality
from .base import Policy

if TYPE_CHECKING:
    from ..agents import Household


class PostalAddressAtHome(Policy):
    switch = "reform.postal_address_home"

    def postal_address_municipality(self, hh: "Household") -> Municipality:
        return HOME
