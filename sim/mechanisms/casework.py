"""Counters at work: arrival, waiting for a professional, intake, remit, eligibility,
assessment, decision, and what follows a decision.

A case waits for a professional with room in the caseload, then for the first contact; the
intake checks the remit (outside it: refer or only inform), may ask about all life domains,
checks eligibility (rules that read other domains' state, :mod:`sim.rules`), then assesses.
The decision comes at the next contact, so caseloads set the pace. Handoffs between
organisations and professionals are in :mod:`sim.mechanisms.handoffs`.

Decision points asked of the policies: whether an intake asks about every domain, what
happens once it has, what else an intake starts, how long processing may take, and when a
decision is taken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..agents import Case
from ..distributions import lognormal
from ..domains import BLOCKED, CARE, HOUSING, SAFETY, SELF, Domain, Reason
from ..organisations import O
from ..rules import eligibility
from .base import Component

if TYPE_CHECKING:
    from ..agents import Counter, Household

ROUTER = "neighbourhood_team"  # a generalist door: sends households on, holds them lightly


class Casework(Component):
    name = "casework"
    uses = ("needs", "accounts", "penalties", "budget_pressure", "seeking", "engagement",
            "handoffs", "payers", "provisions", "documents", "violence", "latent", "take_up",
            "policies", "doenvermogen")

    # -- arrival and staffing -------------------------------------------------------------------
    def arrive(self, hh: "Household", domain: Domain, counter_name: str, channel: int,
               dossier: bool) -> None:
        m = self.model
        if hh.disengaged:  # out of view: nobody brings it to a counter now
            return
        if domain == SAFETY and channel == SELF and m.violence.report(hh, counter_name):
            return  # a signal route brings a victim in, not her own search
        counter = m.counters[counter_name]
        m.event(hh, "seek_help", counter.org, channel)
        m.take_up.arrived(hh, domain, counter_name)
        if hh.first_contact is None:
            hh.first_contact = self.calendar.now
        if channel == SELF and hh.service.random() < self.p["casework.p_no_response"]:
            m.event(hh, "no_response", counter.org, domain)
            self.dead_end(hh, domain)
            return
        m.needs.activate(hh, domain)
        old = hh.cases.get(domain)
        if old is not None:
            self.close_case(old)
        case = Case(hh, domain, counter, dossier, self.calendar.now, channel)
        hh.cases[domain] = case
        if domain == SAFETY and m.violence.fast_track(case):
            return
        self.assign(case)

    def assign(self, case: Case) -> None:
        """A professional with room takes the case, or it waits for one."""
        worker = case.counter.free_worker()
        if worker is None:
            case.stage = "waiting_staff"
            case.counter.staff_queue.append(case)
            return
        case.counter.add_case(worker, case)
        case.worker = worker
        case.stage = "waiting_intake"
        delay = lognormal(case.hh.service, case.counter.response_days,
                          self.p["casework.processing_sigma"])
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + delay, self.intake, case, case.epoch)

    def hold(self, case: Case) -> None:
        """The professional keeps the case after the decision (a benefit, a debt trajectory,
        shelter case work): the household stays in a caseload and meets its turnover."""
        hh = case.hh
        if hh.cases.get(case.domain) is case:
            del hh.cases[case.domain]
        old = hh.holding.get(case.counter.name)
        if old is not None and old is not case:
            self.close_case(old)
        hh.holding[case.counter.name] = case
        case.stage = "holding"
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + case.counter.contact_interval(case.worker),
                                     self.holding_contact, case, case.epoch)

    def holding_contact(self, case: Case, epoch: int) -> None:
        if case.epoch != epoch or case.stage != "holding":
            return
        hh = case.hh
        # a household with a director: its director's contacts replace part of the others'
        if hh.director is None or hh.service.random() < self.p["director.held_contacts_kept"]:
            self.model.accounts.charge_contact(hh, case.counter)
        self.calendar.schedule_event(self.calendar.now + case.counter.contact_interval(case.worker),
                                     self.holding_contact, case, case.epoch)

    def release_hold(self, hh: "Household", counter_name: str) -> None:
        case = hh.holding.pop(counter_name, None)
        if case is not None:
            self.close_case(case)

    def close_case(self, case: Case) -> None:
        """Close a case and give its place in the caseload to the next one waiting."""
        if case.stage == "closed":
            return
        hh = case.hh
        if hh.holding.get(case.counter.name) is case:
            del hh.holding[case.counter.name]
        if case.stage == "waiting_staff":
            try:
                case.counter.staff_queue.remove(case)
            except ValueError:
                pass
        case.stage = "closed"
        case.epoch += 1
        if hh.cases.get(case.domain) is case:
            del hh.cases[case.domain]
        worker = case.worker
        if worker is not None:
            case.counter.drop_case(worker, case)
            case.worker = None
            queue = case.counter.staff_queue
            while queue and worker.load < case.counter.cap:
                nxt = queue.popleft()
                if nxt.stage == "waiting_staff":
                    self.assign(nxt)

    # -- intake ---------------------------------------------------------------------------------
    def intake(self, case: Case, epoch: int) -> None:
        if case.epoch != epoch or case.stage == "closed":
            return
        m = self.model
        hh, counter, domain = case.hh, case.counter, case.domain
        # a no-show (a household that came by itself met casework.p_no_response already)
        if domain != SAFETY and case.channel != SELF and m.doenvermogen.misses_appointment(hh):
            m.event(hh, "no_response", counter.org, domain)
            self.close_case(case)
            self.dead_end(hh, domain)
            return
        m.event(hh, "contact", counter.org, domain)
        m.accounts.charge_contact(hh, counter)
        if hh.told_story and not case.dossier and hh.director is None:
            m.handoffs.retell(hh, restarted=False)  # a director carries the dossier along
        hh.told_story = True
        if case.stage == "closed":  # telling it all again was the last straw: disengaged
            return
        if m.policies.takes_intake(case):  # the counter is a reform's own (a director's)
            return
        if hh.arrears and hh.debt_since is not None:
            m.payers.consider_arrears_payoff(hh, counter)
        if m.policies.assess_broadly(hh, counter):
            found = m.latent.at_intake(hh, counter, broad=True)
            m.policies.after_broad_assessment(hh, counter, domain, found)
        else:
            m.latent.at_intake(hh, counter, broad=False)
        m.policies.on_intake(hh, counter)
        right = m.seeking.right_counter(hh, domain)
        if counter.name != right and not (counter.name == "housing_urgency" and domain == HOUSING):
            self.outside_remit(case, right)
            return
        reason = eligibility(m, hh, domain, counter)
        if reason is not None:
            self.deny(case, reason)
            return
        if m.doenvermogen.paperwork_incomplete(case):  # the file is returned whole
            self.close_case(case)
            self.dead_end(hh, domain)
            return
        self.start_processing(case)

    def outside_remit(self, case: Case, right: str) -> None:
        """The wrong door: refer, or only inform (a dead end). A generalist team refers and
        keeps the household in light support for a while."""
        m = self.model
        hh, counter, domain = case.hh, case.counter, case.domain
        if counter.name == ROUTER and ROUTER not in hh.holding:
            self.hold(case)
            self.calendar.schedule_event(
                self.calendar.now + self.p["neighbourhood_team.involvement_days"],
                self.release_hold, hh, ROUTER)
        else:
            self.close_case(case)
        if hh.director is not None:  # the director knows the right door and goes along
            m.handoffs.refer(hh, domain, counter, right, warm=True)
        elif counter.name == ROUTER or hh.service.random() < self.p["casework.p_refer"]:
            m.handoffs.refer(hh, domain, counter, right)
        else:
            m.event(hh, "info_only", counter.org, domain)
            self.dead_end(hh, domain)

    def start_processing(self, case: Case) -> None:
        case.stage = "processing"
        days = self.processing_time(case)
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + days, self.decision_due, case, case.epoch)

    def processing_time(self, case: Case) -> float:
        days = lognormal(case.hh.service, case.counter.processing_days,
                         self.p["casework.processing_sigma"])
        return self.model.policies.processing_days(case, days)

    def decision_due(self, case: Case, epoch: int) -> None:
        """The assessment is done; the decision is taken at the next contact."""
        if case.epoch != epoch or case.stage == "closed":
            return
        case.stage = "deciding"
        wait = case.hh.service.random() * case.counter.contact_interval(case.worker)
        wait = self.model.policies.decision_wait(case, wait)
        self.model.penalties.on_decision(case, wait)
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + wait, self.decide, case, case.epoch)

    def decide(self, case: Case, epoch: int) -> None:
        if case.epoch != epoch or case.stage == "closed":
            return
        m = self.model
        hh = case.hh
        m.accounts.charge_contact(hh, case.counter)
        if m.doenvermogen.documents_expired(case):  # to be given again: assessed anew
            self.start_processing(case)
            return
        reason = eligibility(m, hh, case.domain, case.counter)  # things may have changed
        if reason is not None:
            self.deny(case, reason)
            return
        if case.domain == CARE and hh.service.random() < self.p["wmo.p_deny"]:
            self.deny(case, Reason.DISCRETION)
            return
        if m.budget_pressure.holds_back(case):  # a youth decision waits on the budget
            return
        if m.payers.who_pays_dispute(case):
            return
        if case.domain in hh.no_provision:  # no provision meets it; only the catalogue can
            self.deny(case, Reason.DISCRETION)
            return
        self.grant(case)

    def grant(self, case: Case) -> None:
        m = self.model
        hh = case.hh
        if hh.disengaged or case.stage == "closed":  # nobody left to grant it to
            return
        m.event(hh, "grant", case.counter.org, case.domain)
        m.engagement.gain_trust(hh)
        if case.worker is not None and hh.service.random() < self.p["casework.p_phase_handover"]:
            m.handoffs.change_worker(case, internal=True)
        m.provisions.provide(case)
        m.seeking.pursue(hh)  # the request is done: on to the next problem

    # -- outcomes -------------------------------------------------------------------------------
    def deny(self, case: Case, reason: int) -> None:
        m = self.model
        hh, domain = case.hh, case.domain
        m.event(hh, "denial", case.counter.org, reason)
        self.close_case(case)
        if reason == Reason.DISCRETION and hh.service.random() < self.p["household.p_objection"] \
                and not m.doenvermogen.misses_objection_window(hh):
            m.needs.pursue_again(hh, domain)
            self.calendar.schedule_event(self.calendar.now + self.p["household.objection_days"],
                                         self.objection, hh, domain, hh.epoch)
            return
        m.needs.block(hh, domain)
        m.engagement.lose_trust(hh, self.p["household.trust_loss_denial"])
        if hh.disengaged:
            return
        m.documents.react_to_denial(hh, domain, reason)
        m.policies.on_blocked(hh, domain)
        m.seeking.pursue(hh)

    def objection(self, hh: "Household", domain: Domain, epoch: int) -> None:
        if hh.epoch != epoch:
            return
        m = self.model
        upheld = hh.service.random() < self.p["household.p_objection_upheld"]
        m.event(hh, "objection", O["wmo"], int(upheld))
        if upheld:
            case = Case(hh, domain, m.counters["wmo"], True, self.calendar.now)
            hh.cases[domain] = case
            m.needs.pursue_again(hh, domain)
            self.grant(case)
        else:
            m.needs.block(hh, domain)
            m.engagement.lose_trust(hh, self.p["household.trust_loss_denial"])
            m.seeking.pursue(hh)

    def dead_end(self, hh: "Household", domain: Domain) -> None:
        """Nothing came of a contact: the household will try again later, with less trust."""
        m = self.model
        m.needs.stall(hh, domain)
        m.engagement.lose_trust(hh, self.p["household.trust_loss_dead_end"])
        m.seeking.pursue(hh)

    def recheck(self, hh: "Household") -> None:
        """Something changed: blocked problems whose rule now allows help are taken up again."""
        m = self.model
        changed = False
        for d, s in enumerate(hh.need):
            if s == BLOCKED and eligibility(
                    m, hh, Domain(d), m.counters[m.seeking.right_counter(hh, Domain(d))]) is None:
                m.needs.unblock(hh, Domain(d))
                changed = True
        if changed:
            m.seeking.pursue(hh)

    def busy(self, hh: "Household", domain: Domain) -> bool:
        """A request for this domain is open or on its way."""
        return domain in hh.cases or domain in hh.seeking
