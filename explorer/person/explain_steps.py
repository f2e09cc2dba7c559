"""The steps of explain(): an evaluated row and the parameters in force, worded rule by rule.

Every result is read from the row the assembler's trace computed (explorer.core.trace: the row
explorer.evaluate gives, computed once with the trace); the parameters are quoted as
in force on the day that matters, with the source of that value; each step names the readings
it used and quotes the sentence of the reading that step depends on.  Every sentence is a
catalogue entry (explain_text.t); the lead sentence comes in two voices (holder, third person).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..core.calendar import working_calendar
from ..core.days import day_number, day_to_date
from ..core.parameters import Parameters, Source
from ..core.rules.transition import last_day_allowed
from ..core.trace import OutputTrace, ParameterUse, Trace, trace
from ..labels import label, source, value_label
from ..whatif.reforms import reform_cited, reform_title
from ..words import has
from . import explain_text as tx
from .bok_words import VENUE_KEYS
from .checklist import checklist

LATE = ("late_card_expired", "late_transition_deadline", "out_of_scope")
STEP_OUTPUT = {
    "deadline": "apply_by", "last_working_day": "apply_by_last_working_day", "slack": "slack_days",
    "status": "status", "option": "option_available", "no_path": "option_available",
    "application_1": "first_issued_by", "application_2": "five_year_issued_by", "eu_card": "first_issued_by",
    "path_status": "path_status", "five_year_card": "five_year_valid_until", "gap": "gap_days",
    "fees": "fees_eur", "visits": "visits", "stamps": "stamp_ok", "stamp_refund": "stamp_refund_by",
    "accommodation": "accommodation_document_required", "bok": "bok_venue_types",
}
"""The output each step computes: its declaration in data/outputs.yaml names the step's source."""


@dataclass
class Step:
    """One rule applied: what it says, what it read, the parameters (name, value, source), its result.

    `value` is the result in comparable form; `changed` is True/False with a baseline (None otherwise)
    and `baseline_result` the baseline's result when it differs; `readings` are (name, value, sentence);
    `source` names the guidance's title and section the step rests on."""

    key: str
    rule: str
    inputs: dict[str, Any]
    parameters: list[tuple[str, str, str]]
    result: str
    value: Any = None
    changed: bool | None = None
    baseline_result: str | None = None
    readings: list[tuple[str, str, str]] = field(default_factory=list)
    source: str = ""


def cite(src: Source, lang: str) -> str:
    """'Source: <title>, section “<section>”' in the language (titles from the catalogue, no paths);
    a value a reform changes cites the reform by name (not its file and the changed key)."""
    reform = reform_cited(src)
    if reform is not None:
        return tx.t("whatif.source_reform", lang, reform=reform_title(reform, lang))
    key = f"source.{src.ref}"
    title = tx.t(key, lang) if src.ref and has(key) else src.document
    return tx.t("explain.source", lang, document=title, section=src.section)


def trace_person(person: dict[str, Any], params: Parameters) -> Trace:
    """The assembler's trace of one person (the inputs of evaluate, checked the same way), with
    the row it computed."""
    return trace(pd.DataFrame({k: [v] for k, v in person.items()}), params)


class Words:
    """The steps and the lead of one evaluated row under one set of parameters, in one language.

    Why a rule gave its result (the deciding status condition, the deadline's case, the day kind
    of processing, the parameters and their sources) is read from the assembler's trace."""

    def __init__(self, row: dict[str, Any], params: Parameters, lang: str,
                 traced: dict[str, OutputTrace], advisory: dict[str, Any] | None = None) -> None:
        """`row` and `traced`: the row and its trace (trace_person: computed once, worded in any
        language); `advisory`: the same person's row read as advice, when already made (advisory_row)."""
        self.o, self.params, self.lang, self.tr = row, params, lang, traced
        self.advisory = advisory
        self.cal = working_calendar(params.calendar)
        self.names = working_calendar(dataclasses.replace(params.calendar, language="sk")) \
            if lang == "sk" else self.cal
        self.steps: list[Step] = []
        A = row["application_date"]
        self.window = self.allowed("choice_window_end", A)
        self.transition = self.allowed("transition_deadline", A)
        self.build()
        self.summary = self.lead("holder")

    # -- words -------------------------------------------------------------------------------------
    def t(self, key: str, **fields: Any) -> str:
        return tx.t(key, self.lang, **fields)

    def d(self, day: dt.date) -> str:
        return tx.day(day, self.lang)

    def label(self, code: str) -> str:
        return label(code, self.lang)

    def allowed(self, name: str, on: dt.date) -> dt.date:
        """The last day allowed by "before <name>" as the before_reading reads it."""
        day = last_day_allowed(name, np.array([day_number(on)]), self.params)
        return day_to_date(np.asarray(day).ravel()[0])

    def param(self, name: str, on: dt.date, channel: str | None = None) -> tuple[str, str, str]:
        """(name, value in force on a day in words, source of that value)."""
        prm = self.params[name]
        return self.use(ParameterUse(name, day_number(on), prm.value_at(day_number(on)),
                                     prm.source_at(day_number(on))), channel)

    def uses(self, output: str) -> list[tuple[str, str, str]]:
        """The parameters the trace says `output` used, in words with their sources."""
        return [self.use(u) for u in self.tr[output].parameters]

    def use(self, used: ParameterUse, channel: str | None = None) -> tuple[str, str, str]:
        """(name, value in force on its day in words, source of that value) of a parameter as used."""
        name, on, lang = used.name, day_to_date(used.on), self.lang
        prm, value = self.params[name], used.value
        if channel is not None:
            value = value[channel]
        if prm.kind == "date":
            text = self.d(day_to_date(value))
        elif prm.kind == "money":
            text = tx.money(value, lang)
        elif isinstance(value, tx.Duration):
            text = tx.duration(value, lang)
        elif prm.kind == "venues":
            text = tx.joined([value_label(v, lang) for v in value], lang)
        elif isinstance(value, tuple):
            text = tx.joined([value_label(v, lang) for v in value], lang, "or")
        else:
            text = tx.number(value, lang) if isinstance(value, int | float) else str(value)
        if channel is not None:
            text = f"{value_label(channel, lang)}: {text}"
        if prm.dated:
            text = self.t("explain.in_force", value=text, day=on)
        return name, text, cite(used.source, lang)

    def reading(self, name: str, step: str) -> tuple[str, str, str]:
        """(name, value in force, the sentence of that value that backs this step)."""
        value = self.params.reading(name)
        return name, value, self.params[name].alternative(value).sentence_for(step)

    def off_days(self, start: dt.date, end: dt.date) -> str:
        """The non-working days strictly between two days, weekday and holiday named."""
        out = []
        for k in range(day_number(start) + 1, day_number(end)):
            if not self.cal.is_working_day(np.array([k]))[0]:
                day = day_to_date(k)
                name = self.names.holiday_name(k)
                out.append(self.t("day.holiday" if name else "day.off", day=day,
                                  weekday=tx.weekday(day, self.lang), holiday=name or ""))
        return "; ".join(out)

    def add(self, key: str, rule: str, inputs: dict[str, Any], parameters: list, result: str, value: Any,
            readings: tuple[str, ...] = ()) -> None:
        params = list(dict.fromkeys(parameters))
        self.steps.append(Step(key, rule, inputs, params, result, value,
                               readings=[self.reading(r, key) for r in readings],
                               source=cite(source(STEP_OUTPUT[key]), self.lang)))

    # -- the steps, in the order of the rules --------------------------------------------------------
    def build(self) -> None:
        o = self.o
        E, A, apply_by, last = o["card_expiry"], o["application_date"], o["apply_by"], \
            o["apply_by_last_working_day"]
        case = self.tr["apply_by"].decided_by
        self.add("deadline", self.t("explain.rule.deadline"), {"card_expiry": E}, self.uses("apply_by"),
                 self.t(f"explain.deadline.{case}", apply_by=apply_by, window=self.window,
                        transition=self.transition, expiry=E),
                 apply_by, ("before_reading",))
        skipped = self.off_days(last, apply_by + dt.timedelta(days=1))
        self.add("last_working_day", self.t("explain.rule.last_working_day"), {"apply_by": apply_by}, [],
                 self.t("explain.last_day.moved" if skipped else "explain.last_day.same", skipped=skipped,
                        apply_by=apply_by, last=last), last)
        slack = o["slack_days"]
        self.add("slack", self.t("explain.rule.slack"), {"application_date": A, "apply_by": apply_by}, [],
                 tx.n("explain.slack.early" if slack >= 0 else "explain.slack.late", abs(slack), self.lang,
                      A=A), slack)
        self.status()
        self.option()
        if o["option_available"]:
            self.path()
        else:
            self.no_path()
        self.accommodation()
        if o["five_year_valid_until"] is not None:
            self.bok()

    def status(self) -> None:
        o = self.o
        E, A, status = o["card_expiry"], o["application_date"], o["status"]
        traced = self.tr["status"]
        most = self.params["max_years_resided"].value_at(day_number(A))
        why = traced.decided_by
        if why == "five_year_only":  # condition 5: which part of condition 4 (choice) does not hold
            why = "after_window" if traced.conditions["expiry_in_choice_window"] else "not_2020"
        text = self.t(f"explain.status.{why}", years=tx.number(o["years_resided"], self.lang), max=most,
                      A=A, E=E, T=self.transition, W=self.window)
        result = self.t("explain.status.result", status=self.label(status), why=text)
        if traced.conditions["applied_after_expiry"] and not traced.conditions["expiry_binding"]:
            # condition 2 fails only for its reading: the expiry is advice
            result += " " + self.t("explain.status.advisory", E=E)
        self.add("status", self.t("explain.rule.status"),
                 {"years_resided": o["years_resided"], "card_expiry": E, "application_date": A},
                 self.uses("status"), result, status, tuple(traced.readings))

    def option(self) -> None:
        o = self.o
        opened_by = {"choice": "open_choice", "five_year_only_path_b": "open_five"}
        case = opened_by.get(self.tr["option_available"].decided_by) or \
            ("closed_a" if self.tr["status"].decided_by == "five_year_only" else "closed_late")
        self.add("option", self.t("explain.rule.option"), {"option": o["option"], "status": o["status"]}, [],
                 self.t(f"explain.option.{case}", path=o["option"]), o["option_available"])

    def no_path(self) -> None:
        o, status = self.o, self.o["status"]
        parts = [self.t("explain.no_path.result")]
        most = self.params["max_years_resided"].value_at(day_number(o["application_date"]))
        if status == "late_card_expired":
            advisory = self.advisory_row()
            after_window = not self.tr["status"].conditions["applied_by_choice_window_end"]
            parts.append(self.t("explain.no_path.binding") if after_window else
                         self.t("explain.no_path.binding_2020", status=self.label(advisory["status"])))
        elif status == "late_transition_deadline":
            parts.append(self.t("explain.no_path.transition", T=self.transition))
        elif status == "out_of_scope":
            parts.append(self.t("explain.no_path.out_of_scope", max=most))
        self.add("no_path", self.t("explain.rule.no_path"), {"option": o["option"]}, [], " ".join(parts),
                 None, ("card_expiry_reading",) if status == "late_card_expired" else ())

    def advisory_row(self) -> dict[str, Any]:
        """The same person's row read as advice (card_expiry_reading = advisory), computed once."""
        if self.advisory is None:
            inputs = {k: self.o[k] for k in ("card_expiry", "application_date", "option", "expedited",
                                             "delivery", "years_resided")}
            self.advisory = trace_person(inputs, self.params.replace(card_expiry_reading="advisory")).row
        return self.advisory

    def path(self) -> None:
        o = self.o
        A, S, a = o["application_date"], o["second_application_date"], o["option"] == "a"
        five = o["five_year_issued_by"]
        self.application(1, A, "eu" if a else "five", o["first_issued_by"])
        if a:
            valid = day_to_date(self.params["eu_card_valid_until"].value_at(day_number(A)))
            self.add("eu_card", self.t("explain.rule.eu_card"), {"first_issued_by": o["first_issued_by"]},
                     [self.param("eu_card_valid_until", A)],
                     self.t("explain.eu_card.result", first=o["first_issued_by"], valid=valid), valid)
            self.application(2, S, "five", five)
            late = o["path_status"] == "late_second_application"
            result = self.t("explain.path_status.late" if late else "explain.path_status.ok", S=S,
                            T=self.transition)
            reading = self.params.reading("late_second_application_reading")
            if late and five is not None:
                result += " " + self.t("explain.path_status.card_issued",
                                       reading=value_label(reading, self.lang))
            self.add("path_status", self.t("explain.rule.path_status"), {"second_application_date": S},
                     self.uses("path_status"), result,
                     o["path_status"], ("late_second_application_reading", "before_reading"))
        if five is not None:
            on = S if a else A
            reading = self.params.reading("five_year_validity_reading")
            self.add("five_year_card", self.t("explain.rule.five_year_card"), {"five_year_issued_by": five},
                     self.uses("five_year_valid_until"),
                     self.t(f"explain.five_year_card.{reading}", issued=five, on=on,
                            valid=o["five_year_valid_until"], reading=value_label(reading, self.lang)),
                     o["five_year_valid_until"], ("five_year_validity_reading",))
            self.gap(a)
        days = [A, S] if a else [A]
        self.fees(days)
        self.add("visits", self.t("explain.rule.visits"), {"applications": o["applications"],
                                                           "delivery": o["delivery"]}, [],
                 tx.n("explain.visits.result", o["visits"], self.lang), o["visits"])
        self.stamps(days)

    def application(self, n: int, on: dt.date, card: str, issued: dt.date | None) -> None:
        o = self.o
        traced = self.tr["first_issued_by" if n == 1 else "five_year_issued_by"]
        counted = traced.facts["processing"]  # the duration as the rule counted it
        working = counted.unit == "working_days"
        card_name = self.t(f"card.{card}")
        if issued is None:
            reading = self.params.reading("late_second_application_reading")
            result = self.t("explain.application.no_card", reading=value_label(reading, self.lang))
        else:
            result = self.t("explain.application.result", on=on, issued=issued,
                            speed=self.t("speed.expedited" if o["expedited"] else "speed.standard"),
                            within=tx.duration(counted, self.lang, within=True))
            skipped = self.off_days(on, issued) if working else ""
            if skipped:
                result += " " + self.t("explain.application.skipped", skipped=skipped)
        self.add(f"application_{n}", self.t("explain.rule.application", n=n, card=card_name),
                 {"application_date" if n == 1 else "second_application_date": on,
                  "expedited": o["expedited"]}, [self.use(traced.parameters[-1])], result, (on, issued),
                 ("processing_days_reading",))

    def gap(self, a: bool) -> None:
        o = self.o
        five, first = o["five_year_issued_by"], o["first_issued_by"]
        eu_valid = day_to_date(self.tr["gap_days"].parameters[0].value)  # eu_card_valid_until as used
        handovers = [("current", o["card_expiry"], "eu", first), ("eu", eu_valid, "five", five)] if a else \
            [("current", o["card_expiry"], "five", five)]
        said = "; ".join(self.t("explain.gap.handover", old=self.t(f"card.{old}"), V=until,
                                new=self.t(f"card.{new}"), I=issued)
                         for old, until, new, issued in handovers)
        self.add("gap", self.t("explain.rule.gap"), {}, [],
                 tx.n("explain.gap.result", o["gap_days"], self.lang, handovers=said), o["gap_days"])

    def fees(self, days: list[dt.date]) -> None:
        o, lang, apps = self.o, self.lang, []
        chosen = ["card"] + [k for k in ("expedited", "delivery") if o[k]]
        used = [u for u in self.tr["fees_cents"].parameters if u.name.removeprefix("fee_") in chosen]
        parameters = [self.use(u) for u in used]
        for n, on in enumerate(days, 1):
            apps.append(self.t("explain.fees.application", n=n, on=on, terms=", ".join(
                self.t(f"explain.fee.{u.name.removeprefix('fee_')}", x=tx.money(u.value, lang))
                for u in used if u.on == day_number(on))))
        self.add("fees", self.t("explain.rule.fees"),
                 {"expedited": o["expedited"], "delivery": o["delivery"]},
                 parameters, self.t("explain.fees.result", total=tx.money(o["fees_cents"], lang),
                                    apps="; ".join(apps)), o["fees_cents"])

    def stamps(self, days: list[dt.date]) -> None:
        o, lang = self.o, self.lang
        channel = o["stamp_channel"]
        inputs = {k: o[k] for k in ("stamp_channel", "stamp_lead_days", "payment")}
        if o["fees_cents"] <= 0:
            self.add("stamps", self.t("explain.rule.stamps"), inputs, [], self.t("explain.stamps.none"),
                     (False, True))
            return
        parameters = [self.use(u, channel) for u in self.tr["stamp_ok"].parameters]
        A = day_number(days[0])
        self.add("stamps", self.t("explain.rule.stamps"), inputs, parameters, self.t(
            "explain.stamps.result", lead=tx.n("count.days", o["stamp_lead_days"], lang),
            days=tx.joined([self.d(d) for d in days], lang), channel=value_label(channel, lang),
            validity=tx.duration(self.params["stamp_validity"].value_at(A)[channel], lang),
            accepted=tx.joined([value_label(p, lang)
                                for p in self.params["stamp_payment"].value_at(A)[channel]], lang, "or"),
            payment=value_label(o["payment"], lang),
            verdict=self.t("explain.stamps.ok" if o["stamp_ok"] else "explain.stamps.not_ok")),
            (True, o["stamp_ok"]))
        if o["stamp_refund_by"] is not None:
            reading = self.params.reading("stamp_refund_reading")
            used = self.tr["stamp_refund_by"].parameters  # stamp_refund_window on each purchase day
            window = used[0].value
            self.add("stamp_refund", self.t("explain.rule.stamp_refund"),
                     {"stamp_lead_days": o["stamp_lead_days"]}, [self.use(u) for u in used],
                     self.t(f"explain.stamp_refund.{reading}", day=o["stamp_refund_by"],
                            window=tx.duration(window, lang)),
                     o["stamp_refund_by"], ("stamp_refund_reading",))

    def accommodation(self) -> None:
        o = self.o
        required = o["accommodation_document_required"]
        case = "no" if not required else "address" if o["address_changed"] else "first"
        result = self.t(f"explain.accommodation.{case}")
        if required:
            readings = {name: self.params.reading(name) for name in self.params.readings}
            result += " " + checklist(False, True, readings, lang=self.lang).iloc[-1]["note"]
        self.add("accommodation", self.t("explain.rule.accommodation"),
                 {k: o[k] for k in ("address_changed", "accommodation_submitted_before")}, [], result,
                 required)

    def bok(self) -> None:
        valid, traced = self.o["five_year_valid_until"], self.tr["bok_venue_types"]
        venues = list(next(u.value for u in traced.parameters if u.name == traced.decided_by))
        self.add("bok", self.t("explain.rule.bok"), {"five_year_valid_until": valid},
                 self.uses("bok_venue_types"),
                 self.t("explain.bok.result", day=valid, venues=tx.joined(
                     [self.t(VENUE_KEYS[v]) if v in VENUE_KEYS else v for v in venues], self.lang)),
                 self.o["bok_venue_types"], ("five_year_validity_reading",))

    # -- the lead: the outcome, every deadline still ahead, and what to take from it --------------------
    def lead(self, voice: str = "holder") -> str:
        """The lead sentences in a voice ("holder": you; "third": the holder), ending with the take-away."""
        o = self.o
        E, A, S, status = o["card_expiry"], o["application_date"], o["second_application_date"], o["status"]
        T, W = self.transition, self.window
        wd = self.weekday

        def say(key: str, **fields: Any) -> str:
            return self.t(f"lead.{key}" + (".third" if voice == "third" else ""), **fields)

        parts: list[str] = []
        if o["before_guidance_period"]:
            start = day_to_date(self.params["guidance_period_from"].value_at(day_number(A)))
            return " ".join([say("scope", start=start, A=A),
                             say("scope_computed", status=self.label(status)), say("take.silent")])
        exclusive = self.params.reading("before_reading") == "exclusive"
        if status == "out_of_scope":
            most = self.params["max_years_resided"].value_at(day_number(A))
            parts += [say("out_of_scope", max=most, years=tx.number(o["years_resided"], self.lang)),
                      say("take.silent")]
            return " ".join(parts)
        if status == "late_transition_deadline":
            parts += [say("late_transition_exclusive" if exclusive else "late_transition", A=A, T=T),
                      say("take.silent")]
            return " ".join(parts)
        if status == "late_card_expired":
            parts.append(say("late_card_expired", A=A, E=E))
            advisory = self.advisory_row()
            if advisory["status"] in LATE:
                parts.append(say("take.silent"))
                return " ".join(parts)
            if not self.tr["status"].conditions["applied_by_choice_window_end"]:
                parts.append(say("advisory_path_2021", T=T))
            else:
                parts.append(say("advisory_path_2020", status=self.label(advisory["status"]), T=T))
            parts.append(say("take.reading"))
            return " ".join(parts)
        apply_by, last = o["apply_by"], o["apply_by_last_working_day"]
        late_applier = o["applied_after_expiry"]
        if late_applier:
            parts.append(say("advisory", A=A, E=E))
        option_a = o["option"] == "a"
        if not o["option_available"]:
            parts.append(say("path_a_closed"))
        in_2020 = self.tr["status"].conditions["expiry_in_choice_window"]
        if status == "choice":
            if option_a:
                parts.append(say("choice_a", apply_by=apply_by, weekday=wd(apply_by), T=T, S=S,
                                 eu_valid=day_to_date(self.params["eu_card_valid_until"].value_at(day_number(A)))))
            else:
                parts.append(say("choice_b", apply_by=apply_by, weekday=wd(apply_by)))
        elif in_2020:
            parts.append(say("after_window", W=W, T=T, weekday=wd(T)))
        else:
            parts.append(say("not_2020", apply_by=apply_by, weekday=wd(apply_by)))
        # a reading's day the lead names is introduced as the reading's (spec "Words", rule 1)
        if exclusive and in_2020 and status != "choice":  # the lead named W and T, both as read
            parts.append(say("exclusive_note_window", W=W, T=T))
        elif exclusive and (apply_by == T or (option_a and status == "choice")):
            parts.append(say("exclusive_note", T=T))
        if apply_by != last and not late_applier:
            parts.append(say("moved", apply_by=apply_by, why=self.why_off(apply_by), last=last,
                             weekday=wd(last)))
        if o["path_status"] == "late_second_application":
            parts.append(say("late_second", S=S, T=T))
        if o["option_available"]:
            gap = o["gap_days"] or 0
            figures = dict(gap=tx.n("count.gap", gap, self.lang),
                           visits=tx.n("count.visits", o["visits"], self.lang),
                           fees=tx.money(o["fees_cents"], self.lang))
            if o["five_year_valid_until"] is not None:
                parts.append(say("outcome", issued=o["five_year_issued_by"], valid=o["five_year_valid_until"],
                                 **figures))
            else:
                parts.append(say("outcome_no_card", **figures))
        if o["path_status"] == "late_second_application":
            parts.append(say("take.silent"))
        elif late_applier:
            parts.append(say("take.apply_late_ok", T=T))
        elif option_a and status == "choice":
            parts.append(say("take.apply_a", last=last, weekday=wd(last), T=T))
        else:
            parts.append(say("take.apply", last=last, weekday=wd(last)))
        return " ".join(parts)

    def weekday(self, day: dt.date) -> str:
        return tx.weekday(day, self.lang)

    def why_off(self, day: dt.date) -> str:
        """Why a day is not a working day: its holiday's name, else its weekday."""
        name = self.names.holiday_name(day_number(day))
        return name or tx.weekday(day, self.lang)
