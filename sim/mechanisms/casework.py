"""Counters at work: arrival, waiting for a professional, intake, remit, eligibility,
assessment, decision, referral and handoffs, staff turnover.

A case waits for a professional with room in the caseload, then for the first contact; the
intake checks the remit (outside it: refer or only inform), may ask about all life domains,
checks eligibility (rules that read other domains' state), then assesses. The decision comes
at the next contact, so caseloads set the pace. A cold handoff loses the dossier with
``casework.info_loss``: the story is told again and an assessment may restart.
"""

from __future__ import annotations

from ..agents import Case
from ..domains import (ACTIVE, BLOCKED, KNOWN, R, REFERRAL, SELF, WARM, C, O)
from ..rules import eligibility
from .help_seeking import lognormal

ROUTER = "neighbourhood_team"


class Casework:
    # -- arrival and staffing ---------------------------------------------------------------------
    def arrive(self, hh, domain: int, counter_name: str, channel: int, dossier: bool) -> None:
        counter = self.counters[counter_name]
        self.event(hh, "seek_help", counter.org, channel)
        if hh.first_contact is None:
            hh.first_contact = self.calendar.now
        if channel == SELF and hh.service.random() < self.p["casework.p_no_response"]:
            self.event(hh, "no_response", counter.org, domain)
            self.dead_end(hh, domain)
            return
        if hh.need[domain] in (KNOWN, BLOCKED):
            hh.need[domain] = ACTIVE
        old = hh.cases.get(domain)
        if old is not None:
            self.close_case(old)
        case = Case(hh, domain, counter, dossier, self.calendar.now)
        hh.cases[domain] = case
        self.assign(case)

    def assign(self, case: Case) -> None:
        worker = case.counter.free_worker()
        if worker is None:
            case.stage = "waiting_staff"
            case.counter.staff_queue.append(case)
            return
        case.counter.add_case(worker, case)
        case.worker = worker
        case.stage = "waiting_intake"
        delay = lognormal(case.hh.service, case.counter.response_days, self.p["casework.processing_sigma"])
        if case.counter.name == "director":
            delay = 0.0
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
        self.charge_contact(case.hh, case.counter)
        self.calendar.schedule_event(self.calendar.now + case.counter.contact_interval(case.worker),
                                     self.holding_contact, case, case.epoch)

    def release_hold(self, hh, counter_name: str) -> None:
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
        hh, counter, domain = case.hh, case.counter, case.domain
        self.event(hh, "contact", counter.org, domain)
        self.charge_contact(hh, counter)
        if hh.told_story and not case.dossier and hh.director is None:
            self.retell(hh, restarted=False)  # a director carries the dossier along
        hh.told_story = True
        if counter.name == "director":
            self.director_intake(case)
            return
        if hh.arrears and hh.debt_since is not None:
            self.consider_arrears_payoff(hh, counter)
        broad = self.p["reform.broad_intake"] or hh.service.random() < (
            self.p["neighbourhood_team.p_broad_assessment"] if counter.name == ROUTER
            else self.p["casework.p_broad_assessment"])
        if broad:
            found = self.reveal(hh)
            if self.p["reform.broad_intake"]:  # refer every need the rules let in, at once
                for d in found + [d for d in hh.known_open() if d != domain and not self.busy(hh, d)]:
                    target = self.right_counter(hh, d)
                    if d != domain and hh.need[d] == KNOWN and \
                            eligibility(self, hh, d, self.counters[target]) is None:
                        self.refer(hh, d, counter, target, dossier=True)
        self.maybe_director(hh, counter)
        right = self.right_counter(hh, domain)
        if counter.name != right and not (counter.name == "housing_urgency" and domain == 1):
            if counter.name == ROUTER and ROUTER not in hh.holding:
                self.hold(case)  # light support while the household goes where it was sent
                self.calendar.schedule_event(
                    self.calendar.now + self.p["neighbourhood_team.involvement_days"],
                    self.release_hold, hh, ROUTER)
            else:
                self.close_case(case)
            if hh.director is not None:  # the director knows the right door and goes along
                self.refer(hh, domain, counter, right, warm=True)
            elif counter.name == ROUTER or hh.service.random() < self.p["casework.p_refer"]:
                self.refer(hh, domain, counter, right)
            else:
                self.event(hh, "info_only", counter.org, domain)
                self.dead_end(hh, domain)
            return
        reason = eligibility(self, hh, domain, counter)
        if reason is not None:
            self.deny(case, reason)
            return
        self.start_processing(case)

    def start_processing(self, case: Case) -> None:
        case.stage = "processing"
        days = self.processing_time(case)
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + days, self.decision_due, case, case.epoch)

    def processing_time(self, case: Case) -> float:
        counter = case.counter
        days = lognormal(case.hh.service, counter.processing_days, self.p["casework.processing_sigma"])
        if self.p["reform.enforce_deadlines"] and counter.legal_days is not None:
            days = min(days, max(0.0, counter.legal_days - (self.calendar.now - case.opened)))
        return days

    def decision_due(self, case: Case, epoch: int) -> None:
        """The assessment is done; the decision is taken at the next contact."""
        if case.epoch != epoch or case.stage == "closed":
            return
        case.stage = "deciding"
        wait = case.hh.service.random() * case.counter.contact_interval(case.worker)
        if case.hh.director is not None:  # a director chases the decision
            wait = min(wait, case.hh.service.random() * self.p["director.contact_interval_days"])
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + wait, self.decide, case, case.epoch)

    def decide(self, case: Case, epoch: int) -> None:
        if case.epoch != epoch or case.stage == "closed":
            return
        hh = case.hh
        self.charge_contact(hh, case.counter)
        reason = eligibility(self, hh, case.domain, case.counter)  # things may have changed
        if reason is not None:
            self.deny(case, reason)
            return
        if case.domain == 3 and hh.service.random() < self.p["wmo.p_deny"]:
            self.deny(case, R["discretion"])
            return
        if self.who_pays_dispute(case):
            return
        self.grant(case)

    def grant(self, case: Case) -> None:
        hh = case.hh
        self.event(hh, "grant", case.counter.org, case.domain)
        self.gain_trust(hh)
        if case.worker is not None and hh.service.random() < self.p["casework.p_phase_handover"]:
            self.change_worker(case, internal=True)
        self.provide(case)
        self.pursue(hh)  # the request is done: on to the next problem

    # -- outcomes -------------------------------------------------------------------------------
    def deny(self, case: Case, reason: int) -> None:
        hh, domain = case.hh, case.domain
        self.event(hh, "denial", case.counter.org, reason)
        self.close_case(case)
        if reason == R["discretion"] and hh.service.random() < self.p["household.p_objection"]:
            hh.need[domain] = ACTIVE
            self.calendar.schedule_event(self.calendar.now + 42.0, self.objection, hh, domain, hh.epoch)
            return
        hh.need[domain] = BLOCKED
        hh.blocked_since[domain] = self.calendar.now
        self.lose_trust(hh, self.p["household.trust_loss_denial"])
        if hh.disengaged:
            return
        self.react_to_denial(hh, domain, reason)
        self.watch_blocked(hh, domain)
        self.pursue(hh)

    def objection(self, hh, domain: int, epoch: int) -> None:
        if hh.epoch != epoch:
            return
        upheld = hh.service.random() < self.p["household.p_objection_upheld"]
        self.event(hh, "objection", O["wmo"], int(upheld))
        if upheld:
            hh.need[domain] = KNOWN
            case = Case(hh, domain, self.counters["wmo"], True, self.calendar.now)
            hh.cases[domain] = case
            hh.need[domain] = ACTIVE
            self.grant(case)
        else:
            hh.need[domain] = BLOCKED
            hh.blocked_since[domain] = self.calendar.now
            self.lose_trust(hh, self.p["household.trust_loss_denial"])
            self.pursue(hh)

    def dead_end(self, hh, domain: int) -> None:
        """Nothing came of a contact: the household will try again later, with less trust."""
        if hh.need[domain] == ACTIVE:
            hh.need[domain] = KNOWN
        self.lose_trust(hh, self.p["household.trust_loss_dead_end"])
        self.pursue(hh)

    def recheck(self, hh) -> None:
        """Something changed: blocked problems whose rule now allows help are taken up again."""
        changed = False
        for d, s in enumerate(hh.need):
            if s == BLOCKED and eligibility(self, hh, d, self.counters[self.right_counter(hh, d)]) is None:
                hh.need[d] = KNOWN
                hh.blocked_since.pop(d, None)
                changed = True
        if changed:
            self.pursue(hh)

    def busy(self, hh, domain: int) -> bool:
        return domain in hh.cases or domain in hh.seeking

    # -- handoffs -------------------------------------------------------------------------------
    def refer(self, hh, domain: int, source, target: str, warm: bool = False, dossier: bool = False) -> None:
        """A handoff between organisations. Cold ones lose the dossier with casework.info_loss."""
        self.event(hh, "referral", self.counters[target].org, domain, float(warm))
        keep = warm or dossier or hh.director is not None or \
            hh.service.random() >= self.p["casework.info_loss"]
        if hh.need[domain] not in (ACTIVE, KNOWN, BLOCKED):
            return
        hh.need[domain] = KNOWN
        hh.seeking.discard(domain)
        self.arrive(hh, domain, target, WARM if warm else REFERRAL, dossier=keep)

    def retell(self, hh, restarted: bool) -> None:
        self.event(hh, "retelling", detail=int(restarted))
        self.lose_trust(hh, self.p["household.trust_loss_retelling"])

    def change_worker(self, case: Case, internal: bool = False) -> None:
        """A new professional takes over (turnover, or a new phase of the case)."""
        hh = case.hh
        self.event(hh, "worker_change", case.counter.org, case.domain)
        if hh.director is not None or hh.service.random() >= self.p["casework.info_loss"]:
            return
        restart = case.stage == "processing" and hh.service.random() < self.p["casework.p_restart"]
        self.retell(hh, restart)
        if restart and not hh.disengaged:
            self.start_processing(case)

    def staff_turnover(self, counter_name: str) -> None:
        counter = self.counters[counter_name]
        rng = self.system_rng
        if counter.workers:
            worker = counter.workers[int(rng.random() * len(counter.workers))]
            for case in sorted(worker.cases, key=lambda c: (c.hh.hid, c.domain, c.opened)):
                self.change_worker(case)
        self.schedule_turnover(counter_name)

    def schedule_turnover(self, counter_name: str) -> None:
        staff = len(self.counters[counter_name].workers)
        rate = staff * self.p["casework.staff_turnover_per_year"] / 365.0
        if rate > 0:
            t = self.calendar.now + self.system_rng.expovariate(rate)
            if t < self.end:
                self.calendar.schedule_event(t, self.staff_turnover, counter_name)

    def charge_contact(self, hh, counter) -> None:
        self.charge(hh, counter.pot, C["services"],
                    self.p["casework.contact_hours"] * self.p["casework.hourly_cost_eur"])

    def start_system_processes(self) -> None:
        for name in self.counters:
            self.schedule_turnover(name)
        self.start_lettings()
        if self.warmup > 0:
            self.calendar.schedule_event(self.warmup, self.close_books)

    def close_books(self) -> None:
        """At the end of the warm-up, split running costs so the measured window gets its share."""
        for hh in self.households:
            for label, acc in list(hh.accruals.items()):
                self.stop_cost(hh, label)
                self.start_cost(hh, label, acc.pot.index, acc.category, acc.rate)

