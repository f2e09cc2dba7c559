"""explain(): the rules applied to one scenario, step by step, with the parameters and sources read.

The steps follow spec/rules.md in order (deadline, status, option, applications and issuance,
card validity, days without a card, fees, visits, stamps, accommodation, BOK).  They are
computed here with the plain one-person reading of explorer.scalar, so the explanation's
results can be held to explorer.evaluate by tests.  With a `baseline`, each step says
whether its result differs between the baseline and the given parameters.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .durations import Duration
from .errors import ExplorerError
from .inputs import INPUT_COLUMNS, PAYMENTS, validate
from .parameters import Parameters, day_number, day_to_date
from .reforms import Reform, as_parameters
from .rules.documents import checklist
from .scalar import Person, Reader

OPTIONAL_INPUTS = tuple(c for c in INPUT_COLUMNS if c not in ("card_expiry", "application_date"))
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass
class Step:
    """One rule applied: what it says, what it read, the parameters (name, value, source), its result.

    `value` is the step's result in comparable form; `changed` is True/False when the
    explanation has a baseline (None otherwise), and `baseline_result` is the baseline's
    result when it differs."""

    key: str
    rule: str
    inputs: dict[str, Any]
    parameters: list[tuple[str, str, str]]
    result: str
    value: Any = None
    changed: bool | None = None
    baseline_result: str | None = None


@dataclass
class Explanation:
    """The ordered steps of one scenario, its outputs (as evaluate() names them) and renderings."""

    steps: list[Step]
    outputs: dict[str, Any]
    inputs: dict[str, Any]
    baseline_outputs: dict[str, Any] | None = None
    changed_parameters: tuple[str, ...] = field(default=())

    def to_text(self) -> str:
        """Numbered plain text: one paragraph per step, parameters with their sources below it."""
        lines = []
        for i, step in enumerate(self.steps, 1):
            mark = " [changed]" if step.changed else ""
            lines.append(f"{i}. {step.rule}{mark}")
            lines.append(f"   Result: {step.result}")
            if step.changed and step.baseline_result is not None:
                lines.append(f"   Baseline: {step.baseline_result}")
            if step.inputs:
                lines.append("   Reads: " + ", ".join(f"{k} = {_show(v)}" for k, v in step.inputs.items()))
            for name, value, source in step.parameters:
                lines.append(f"   Parameter {name} = {value} (source: {source})")
        return "\n".join(lines)

    def to_html(self) -> str:
        """An HTML ordered list; changed steps are highlighted and labelled; all text is escaped."""
        items = []
        for step in self.steps:
            e = html.escape
            style = ' style="background:#fff3cd;border-left:4px solid #b8860b;padding-left:4px"' \
                if step.changed else ""
            cls = "step changed" if step.changed else "step"
            parts = [f'<li class="{cls}" data-key="{e(step.key)}"{style}>',
                     f"<strong>{e(step.rule)}</strong>"]
            if step.changed:
                parts.append(' <span class="changed-label">(changed)</span>')
            parts.append(f'<div class="result">Result: {e(step.result)}</div>')
            if step.changed and step.baseline_result is not None:
                parts.append(f'<div class="baseline">Baseline: {e(step.baseline_result)}</div>')
            if step.inputs:
                reads = ", ".join(f"{e(k)} = {e(_show(v))}" for k, v in step.inputs.items())
                parts.append(f'<div class="reads"><small>Reads: {reads}</small></div>')
            if step.parameters:
                rows = "".join(f"<li><code>{e(n)}</code> = {e(v)} <small>(source: {e(s)})</small></li>"
                               for n, v, s in step.parameters)
                parts.append(f'<ul class="parameters">{rows}</ul>')
            parts.append("</li>")
            items.append("".join(parts))
        return '<ol class="explanation">' + "".join(items) + "</ol>"

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self) -> pd.DataFrame:
        """One row per step: step, key, rule, inputs, parameters, sources, result, changed."""
        rows = [{
            "step": i,
            "key": s.key,
            "rule": s.rule,
            "inputs": ", ".join(f"{k} = {_show(v)}" for k, v in s.inputs.items()),
            "parameters": "; ".join(f"{n} = {v}" for n, v, _ in s.parameters),
            "sources": "; ".join(f"{n}: {src}" for n, _, src in s.parameters),
            "result": s.result,
            "changed": s.changed,
            "baseline result": s.baseline_result,
        } for i, s in enumerate(self.steps, 1)]
        return pd.DataFrame(rows)

    @property
    def changed_steps(self) -> list[Step]:
        """Steps whose result differs from the baseline."""
        return [s for s in self.steps if s.changed]


def explain(card_expiry: Any, application_date: Any, params: Parameters | Reform | None = None,
            baseline: Parameters | Reform | None = None, **inputs: Any) -> Explanation:
    """The rules applied to one scenario, in order, with parameters, sources and results.

    Inputs are those of evaluate() (option, expedited, delivery, second_application_date,
    stamp_channel, stamp_lead_days, payment, years_resided, address_changed,
    accommodation_submitted_before), checked the same way.  `params` or `baseline` may be a
    Reform (applied to the baseline parameters).  With `baseline`, steps carry `changed`."""
    base = as_parameters(baseline) if baseline is not None else None
    params = params.apply(base) if isinstance(params, Reform) else as_parameters(params)
    person = _person(card_expiry, application_date, inputs, params)
    steps, outputs = _Builder(person, params).build()
    explanation = Explanation(steps, outputs, _inputs(person))
    if base is None:
        return explanation
    base_person = _person(card_expiry, application_date, inputs, base)
    base_steps, base_outputs = _Builder(base_person, base).build()
    by_key = {s.key: s for s in base_steps}
    for step in steps:
        old = by_key.get(step.key)
        step.changed = old is None or old.value != step.value
        if step.changed:
            step.baseline_result = old.result if old is not None else "(no such step in the baseline)"
    explanation.baseline_outputs = base_outputs
    explanation.changed_parameters = tuple(
        n for n in params.names if params[n].series() != base[n].series()
    )
    return explanation


def _person(card_expiry: Any, application_date: Any, inputs: dict[str, Any],
            params: Parameters) -> Person:
    """Check the inputs exactly as evaluate() does and fill the defaults."""
    unknown = [k for k in inputs if k not in OPTIONAL_INPUTS]
    if unknown:
        raise ExplorerError(unknown[0], inputs[unknown[0]], "one of " + ", ".join(OPTIONAL_INPUTS),
                            problem="unknown input")
    row = {"card_expiry": [card_expiry], "application_date": [application_date]}
    row.update({k: [v] for k, v in inputs.items()})
    s = validate(pd.DataFrame(row), params)
    return Person(
        card_expiry=day_to_date(s.expiry[0]),
        application_date=day_to_date(s.application[0]),
        option="b" if s.option_b[0] else "a",
        expedited=bool(s.expedited[0]),
        delivery=bool(s.delivery[0]),
        second_application_date=day_to_date(s.second[0]),
        stamp_channel=params.channels[int(s.channel[0])],
        stamp_lead_days=int(s.lead[0]),
        payment=PAYMENTS[int(s.cash[0])],
        years_resided=float(s.years_resided[0]),
        address_changed=bool(s.address_changed[0]),
        accommodation_submitted_before=bool(s.accommodation_before[0]),
    )


def _inputs(person: Person) -> dict[str, Any]:
    return {name: getattr(person, name) for name in INPUT_COLUMNS}


def _show(value: Any) -> str:
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def day(d: dt.date) -> str:
    """A day as 'Fri 2020-11-13'."""
    return f"{_WEEKDAYS[d.weekday()]} {d.isoformat()}"


def _duration(d: Duration) -> str:
    unit = {"days": "calendar day", "working_days": "working day", "years": "year"}[d.unit]
    return f"{d.amount} {unit}{'' if d.amount == 1 else 's'}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _euros(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d} EUR"


class _Builder:
    """Builds the steps and outputs for one person under one set of parameters."""

    def __init__(self, person: Person, params: Parameters) -> None:
        self.p = person
        self.params = params
        self.r = Reader(params)
        self.steps: list[Step] = []

    # -- helpers -------------------------------------------------------------------------------
    def param(self, name: str, on: dt.date, channel: str | None = None) -> tuple[str, str, str]:
        """(name, readable value in force on a day, source) of one parameter."""
        prm = self.params[name]
        value = prm.value_at(day_number(on))
        if prm.kind == "date":
            text = day_to_date(value).isoformat()
        elif prm.kind == "money":
            text = _euros(value)
        elif prm.kind == "duration":
            text = _duration(value)
        elif prm.kind == "integer":
            text = f"{value} ({prm.unit})"
        elif prm.kind == "venues":
            text = "; ".join(value)
        elif channel is not None:
            v = value[channel]
            text = f"{channel}: " + (_duration(v) if isinstance(v, Duration) else " or ".join(v))
        else:
            text = ", ".join(f"{k}: {v}" for k, v in value.items())
        if prm.dated:
            text += f" (in force on {on.isoformat()})"
        return name, text, str(prm.source)

    def add(self, key: str, rule: str, inputs: dict[str, Any], parameters: list, result: str,
            value: Any) -> None:
        self.steps.append(Step(key, rule, inputs, parameters, result, value))

    def skipped(self, start: dt.date, end: dt.date) -> str:
        """The non-working days strictly between two days, holidays named."""
        names = []
        d = start + dt.timedelta(days=1)
        while d < end:
            if not self.r.is_working_day(d):
                holiday = self.r.holidays.get(d)
                names.append(f"{day(d)} ({holiday})" if holiday else f"{day(d)} (weekend)")
            d += dt.timedelta(days=1)
        return "; ".join(names)

    # -- the rules in order ----------------------------------------------------------------------
    def build(self) -> tuple[list[Step], dict[str, Any]]:
        p = self.p
        E, A = p.card_expiry, p.application_date
        out: dict[str, Any] = {}
        out.update(self.deadline(E, A))
        status = self.status(E, A)
        available = self.option(status)
        out.update(status=status, option_available=available)
        valid_until = None
        if available:
            out.update(self.path(E, A))
            valid_until = out["five_year_valid_until"]
        else:
            out.update(path_status=None, applications=0, first_issued_by=None, five_year_issued_by=None,
                       five_year_valid_until=None, gap_days=None, fees_cents=0, visits=0,
                       stamp_ok=None, stamp_refund_by=None, bok_venue_types=None)
            self.add("no_path", "No path: when the chosen option is not open, every path output is "
                     "missing; applications, fees and visits are 0.", {"option": p.option}, [],
                     "no application, no card issued; fees 0.00 EUR, 0 visits", None)
        out["accommodation_document_required"] = self.accommodation()
        if valid_until is not None:
            out["bok_venue_types"] = self.bok(valid_until)
        out["fees_eur"] = out["fees_cents"] / 100.0
        return self.steps, out

    def deadline(self, E: dt.date, A: dt.date) -> dict[str, Any]:
        window = self.r.get("choice_window_end", A)
        transition = self.r.get("transition_deadline", A)
        apply_by = E if E <= window else min(E, transition)
        if E <= window:
            why = f"the card expires on or before the end of the choice window ({window}), so its " \
                  "expiry is the deadline"
        elif E <= transition:
            why = f"the card expires after {window} and on or before the transition deadline " \
                  f"({transition}): the earlier of the two is its expiry"
        else:
            why = f"the card expires after {window} and after the transition deadline: the transition " \
                  "deadline comes first"
        self.add("deadline", "Deadline: a card expiring by the end of the choice window must be renewed "
                 "by its expiry; a later one by the earlier of its expiry and the transition deadline.",
                 {"card_expiry": E}, [self.param("choice_window_end", A),
                                      self.param("transition_deadline", A)],
                 f"apply by {day(apply_by)}: {why}", apply_by)
        last = self.r.last_working_day(apply_by)
        skipped = self.skipped(last, apply_by + dt.timedelta(days=1))
        self.add("last_working_day", "Last working day on or before the deadline (Monday to Friday, not "
                 "a Slovak public holiday; holidays from the maintained `holidays` package).",
                 {"apply_by": apply_by}, [],
                 f"{day(last)}" + (f" (not working days: {skipped})" if skipped else
                                   ": the deadline is itself a working day"), last)
        slack = (apply_by - A).days
        self.add("slack", "Slack: days from the application to the deadline (negative when late).",
                 {"application_date": A, "apply_by": apply_by}, [],
                 f"{slack} days to spare" if slack >= 0 else f"{-slack} days late", slack)
        return {"apply_by": apply_by, "apply_by_last_working_day": last, "slack_days": slack}

    def status(self, E: dt.date, A: dt.date) -> str:
        p, r = self.p, self.r
        max_years = r.get("max_years_resided", A)
        transition = r.get("transition_deadline", A)
        lo, hi = r.get("choice_expiry_from", A), r.get("choice_expiry_to", A)
        window = r.get("choice_window_end", A)
        too_long = p.years_resided >= max_years
        checks = [
            ("out_of_scope", too_long,
             f"{_show(p.years_resided)} years resided, "
             f"{'at least' if too_long else 'fewer than'} {max_years}"),
            ("late_card_expired", A > E,
             f"applied {A} {'after' if A > E else 'on or before'} the card's expiry {E}"),
            ("late_transition_deadline", A > transition,
             f"applied {A} {'after' if A > transition else 'on or before'} the transition deadline "
             f"{transition}"),
            ("choice", lo <= E <= hi and A <= window,
             f"expiry {E} {'inside' if lo <= E <= hi else 'outside'} {lo} to {hi}, and applied "
             f"{A} {'on or before' if A <= window else 'after'} the choice window end {window}"),
        ]
        status, reasons = "five_year_only", []
        for name, matched, why in checks:
            if matched:
                status = name
                reasons.append(f"{name}: {why}")
                break
            reasons.append(f"not {name}: {why}")
        if status == "five_year_only":
            reasons.append("five_year_only: no earlier rule matched")
        self.add("status", "Status: the first matching rule wins: out_of_scope (too many years resided), "
                 "late_card_expired (applied after expiry), late_transition_deadline (applied after the "
                 "transition deadline), choice (card expiring in the choice window, applied by its end), "
                 "otherwise five_year_only.",
                 {"years_resided": p.years_resided, "card_expiry": E, "application_date": A},
                 [self.param(n, A) for n in ("max_years_resided", "transition_deadline",
                                             "choice_expiry_from", "choice_expiry_to",
                                             "choice_window_end")],
                 f"{status} ({'; '.join(reasons)})", status)
        return status

    def option(self, status: str) -> bool:
        opt = self.p.option
        available = status == "choice" or (status == "five_year_only" and opt == "b")
        label = {"a": "option a (EU card now, five-year card later)",
                 "b": "option b (five-year card now)"}[opt]
        if available:
            why = "status choice opens both options" if status == "choice" else \
                "status five_year_only opens option b"
            result = f"{label} is open: {why}"
        elif status == "five_year_only":
            result = f"{label} is not open: status five_year_only allows option b only"
        else:
            result = f"{label} is not open: status {status} opens no path"
        self.add("option", "Option: option a needs status choice; option b is open under choice and "
                 "five_year_only.", {"option": opt, "status": status}, [], result, available)
        return available

    def issuance(self, n: int, on: dt.date, card: str) -> dt.date:
        p = self.p
        name = "expedited_processing" if p.expedited else "standard_processing"
        duration = self.r.get(name, on)
        issued = self.r.issued_by(on, p.expedited)
        if duration.unit == "working_days":
            skipped = self.skipped(on, issued)
            how = f"the {_ordinal(duration.amount)} working day after {day(on)}" + (
                f" (not working days: {skipped})" if skipped else "")
        else:
            how = f"{day(on)} + {_duration(duration)}"
        self.add(f"application_{n}", f"Application {n} ({card}): in person at the Foreign Police department "
                 "for the place of residence; the card is issued by the application day plus the "
                 "processing time (standard in calendar days, expedited in working days).",
                 {"application day": on, "expedited": p.expedited}, [self.param(name, on)],
                 f"applied {day(on)}, {'expedited' if p.expedited else 'standard'}: {card} issued by "
                 f"{day(issued)}, {how}", (on, issued))
        return issued

    def path(self, E: dt.date, A: dt.date) -> dict[str, Any]:
        p, r = self.p, self.r
        out: dict[str, Any] = {}
        if p.option == "a":
            S = p.second_application_date
            if S <= A:
                raise ExplorerError("second_application_date", str(S),
                                    f"a day after application_date ({A}) on rows taking option a",
                                    problem="second application on or before the first")
            first = self.issuance(1, A, "EU card")
            eu_valid = r.get("eu_card_valid_until", A)
            self.add("eu_card", "Option a: the re-issued EU card is valid until a fixed day.",
                     {"first_issued_by": first}, [self.param("eu_card_valid_until", A)],
                     f"EU card issued by {day(first)}, valid until {day(eu_valid)}", eu_valid)
            five_year = self.issuance(2, S, "five-year card")
            transition = r.get("transition_deadline", A)
            path_status = "late_second_application" if S > transition else "ok"
            self.add("path_status", "Option a: a second application after the transition deadline "
                     "makes the path late.", {"second_application_date": S},
                     [self.param("transition_deadline", A)],
                     f"{path_status}: second application {S} "
                     f"{'after' if S > transition else 'on or before'} {transition}", path_status)
            app_days, five_year_day = [A, S], S
            handovers = [("current card", E, "EU card", first), ("EU card", eu_valid, "five-year card",
                                                                  five_year)]
        else:
            first = five_year = self.issuance(1, A, "five-year card")
            path_status, app_days, five_year_day = "ok", [A], A
            handovers = [("current card", E, "five-year card", first)]
        validity = r.get("five_year_validity", five_year_day)
        valid_until = r.add(five_year, validity)
        note = " (29 February becomes 28 February)" if (five_year.month, five_year.day) == (2, 29) \
            and valid_until.day == 28 else ""
        self.add("five_year_card", "The five-year card is valid until the same month and day, the five-year "
                 "validity later; 29 February becomes 28 February.", {"five_year_issued_by": five_year},
                 [self.param("five_year_validity", five_year_day)],
                 f"issued by {day(five_year)}, valid until {day(valid_until)}{note}", valid_until)
        gap = 0
        for i, (old, V, new, issued) in enumerate(handovers, 1):
            days = max(0, (issued - V).days - 1)
            gap += days
            first_day, last_day = V + dt.timedelta(days=1), issued - dt.timedelta(days=1)
            span = "" if not days else f" ({day(first_day)})" if days == 1 else \
                f" ({day(first_day)} to {day(last_day)})"
            self.add(f"gap_{i}", f"Days without a card, handover {i}: from the {old} (valid until V) to "
                     f"the {new} (issued by I): max(0, I \u2212 V \u2212 1), worst case.",
                     {f"{old} valid until": V, f"{new} issued by": issued}, [],
                     f"{days} day{'' if days == 1 else 's'} without a card{span}", days)
        self.add("gap_total", "Days without a card over the whole path.", {}, [],
                 f"{gap} days" + (f" over {len(handovers)} handovers" if len(handovers) > 1 else ""), gap)
        out.update(path_status=path_status, applications=len(app_days), first_issued_by=first,
                   five_year_issued_by=five_year, five_year_valid_until=valid_until, gap_days=gap)
        out.update(self.fees(app_days))
        out.update(self.stamps(app_days, out.pop("_per_application")))
        return out

    def fees(self, app_days: list[dt.date]) -> dict[str, Any]:
        p, r = self.p, self.r
        per_app = []
        for n, on in enumerate(app_days, 1):
            card, fast, send = (r.get(name, on) for name in ("fee_card", "fee_expedited", "fee_delivery"))
            cents = card + (fast if p.expedited else 0) + (send if p.delivery else 0)
            per_app.append(cents)
            parts = [f"card {_euros(card)}",
                     f"expedited {_euros(fast) if p.expedited else 'not chosen'}",
                     f"delivery {_euros(send) if p.delivery else 'not chosen'}"]
            self.add(f"fees_{n}", f"Fees of application {n}: the card fee plus the optional fees chosen, "
                     "each as in force on the application day.",
                     {"application day": on, "expedited": p.expedited, "delivery": p.delivery},
                     [self.param(name, on) for name in ("fee_card", "fee_expedited", "fee_delivery")],
                     f"{_euros(cents)} ({', '.join(parts)})", cents)
        total = sum(per_app)
        self.add("fees_total", "Fees over the path: the sum over its applications.", {}, [],
                 f"{_euros(total)} over {len(app_days)} application{'s' if len(app_days) > 1 else ''}",
                 total)
        visits = len(app_days) * (1 if p.delivery else 2)
        self.add("visits", "Visits: one to apply and one to collect per application, unless the card is "
                 "delivered.", {"applications": len(app_days), "delivery": p.delivery}, [],
                 f"{visits} visits", visits)
        return {"fees_cents": total, "visits": visits, "_per_application": per_app}

    def stamps(self, app_days: list[dt.date], per_app: list[int]) -> dict[str, Any]:
        p, r = self.p, self.r
        ok, purchases = True, []
        for n, (on, cents) in enumerate(zip(app_days, per_app, strict=True), 1):
            key = f"stamps_{n}"
            rule = (f"Fee stamps for application {n}: needed only when its fees are above 0; bought "
                    "stamp_lead_days before it; usable up to the purchase day plus the channel's validity; "
                    "the channel must accept the payment.")
            if cents <= 0:
                self.add(key, rule, {"fees": _euros(cents)}, [], "not needed: no fees", (False, True))
                continue
            bought = on - dt.timedelta(days=p.stamp_lead_days)
            purchases.append(bought)
            usable = r.add(bought, r.get("stamp_validity", on)[p.stamp_channel])
            payable = p.payment in r.get("stamp_payment", on)[p.stamp_channel]
            this_ok = usable >= on and payable
            ok = ok and this_ok
            why = []
            why.append(f"usable until {day(usable)}, " + ("on or after" if usable >= on else "before")
                       + f" the application {day(on)}")
            why.append(f"{p.stamp_channel} {'accepts' if payable else 'does not accept'} {p.payment}")
            self.add(key, rule, {"channel": p.stamp_channel, "payment": p.payment,
                                 "stamp_lead_days": p.stamp_lead_days, "fees": _euros(cents)},
                     [self.param("stamp_validity", on, p.stamp_channel),
                      self.param("stamp_payment", on, p.stamp_channel)],
                     f"{'ok' if this_ok else 'NOT ok'}: bought {day(bought)}; " + "; ".join(why),
                     (True, this_ok))
        self.add("stamp_ok", "Stamps are in order when every application that needs them has usable, "
                 "payable stamps (True when none are needed).", {}, [],
                 str(ok) + ("" if purchases else " (no stamps needed)"), ok)
        refund_by = None
        if purchases:
            first = min(purchases)
            refund_by = r.add(first, r.get("stamp_refund_window", first))
            self.add("stamp_refund", "Unused stamps are refundable at a post office until the first purchase "
                     "day plus the refund window.", {"first purchase": first},
                     [self.param("stamp_refund_window", first)],
                     f"refundable until {day(refund_by)}", refund_by)
        return {"stamp_ok": ok, "stamp_refund_by": refund_by}

    def accommodation(self) -> bool:
        p = self.p
        required = p.address_changed or not p.accommodation_submitted_before
        if required:
            reason = "the address changed" if p.address_changed else \
                "no accommodation document was given with the first card"
            note = checklist(False, True).iloc[-1]["note"]
            result = f"required ({reason}). {note}"
        else:
            result = "not required: same address, and a document was given with the first card"
        self.add("accommodation", "A document on accommodation is required when the address changed since "
                 "the first card, or none was given with it.",
                 {"address_changed": p.address_changed,
                  "accommodation_submitted_before": p.accommodation_submitted_before}, [], result, required)
        return required

    def bok(self, valid_until: dt.date) -> int:
        r = self.r
        wider_from = r.get("bok_wider_activation_from", valid_until)
        wider = valid_until >= wider_from
        name = "bok_venues_wider" if wider else "bok_venues_before"
        venues = r.get(name, valid_until)
        self.add("bok", "Where a personal security code (BOK) can be activated on the day the five-year card "
                 "expires: more kinds of office from bok_wider_activation_from.",
                 {"five_year_valid_until": valid_until},
                 [self.param("bok_wider_activation_from", valid_until), self.param(name, valid_until)],
                 f"{len(venues)} kind{'s' if len(venues) > 1 else ''} of office on {day(valid_until)} "
                 f"({'on or after' if wider else 'before'} {wider_from}): {'; '.join(venues)}", len(venues))
        return len(venues)
