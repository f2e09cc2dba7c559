"""The steps of explain(): an evaluated row and the parameters in force, worded rule by rule.

Every result is read from the row that explorer.evaluate computed; the parameters are quoted as
in force on the day that matters, with the source of that value; each step names the readings
it used.  The words come from explain_text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.calendar import working_calendar
from ..core.parameters import Parameters, day_number, day_to_date
from ..core.rules.bok import venues_on
from ..core.rules.documents import checklist
from ..core.rules.transition import last_day_allowed
from ..labels import label, value_label
from . import explain_text as tx

LATE = ("late_card_expired", "late_transition_deadline", "out_of_scope")


@dataclass
class Step:
    """One rule applied: what it says, what it read, the parameters (name, value, source), its result.

    `value` is the result in comparable form; `changed` is True/False with a baseline (None otherwise)
    and `baseline_result` the baseline's result when it differs; `readings` are (name, value, sentence)."""

    key: str
    rule: str
    inputs: dict[str, Any]
    parameters: list[tuple[str, str, str]]
    result: str
    value: Any = None
    changed: bool | None = None
    baseline_result: str | None = None
    readings: list[tuple[str, str, str]] = field(default_factory=list)



class Words:
    """The steps and the summary of one evaluated row under one set of parameters, in one language."""

    def __init__(self, row: dict[str, Any], params: Parameters, lang: str) -> None:
        self.o, self.params, self.lang = row, params, lang
        self.w = tx.T[lang]
        self.cal = working_calendar(params.calendar)
        self.names = working_calendar(dataclasses.replace(params.calendar, language="sk")) \
            if lang == "sk" else self.cal
        self.steps: list[Step] = []
        A = row["application_date"]
        self.window = self.allowed("choice_window_end", A)
        self.transition = self.allowed("transition_deadline", A)
        self.build()
        self.summary = self.lead()

    # -- words -------------------------------------------------------------------------------------
    def t(self, key: str, **fields: Any) -> str:
        return self.w[key].format(**fields)

    def d(self, day: dt.date) -> str:
        return tx.short_day(day, self.lang)

    def label(self, code: str) -> str:
        return label(code, self.lang)

    def allowed(self, name: str, on: dt.date) -> dt.date:
        """The last day allowed by "before <name>" as the before_reading reads it."""
        day = last_day_allowed(name, np.array([day_number(on)]), self.params)
        return day_to_date(np.asarray(day).ravel()[0])

    def param(self, name: str, on: dt.date, channel: str | None = None) -> tuple[str, str, str]:
        """(name, value in force on a day in words, source of that value)."""
        prm, lang = self.params[name], self.lang
        value = prm.value_at(day_number(on))
        if channel is not None:
            value = value[channel]
        if prm.kind == "date":
            text = tx.date_only(day_to_date(value), lang)
        elif prm.kind == "money":
            text = tx.money(value, lang)
        elif isinstance(value, tx.Duration):
            text = tx.duration(value, lang)
        elif prm.kind == "venues":
            text = "; ".join(self.venue(v) for v in value)
        elif isinstance(value, tuple):
            text = self.w["or"].join(value_label(v, lang) for v in value)
        else:
            text = str(value)
        if channel is not None:
            text = f"{value_label(channel, lang)}: {text}"
        if prm.dated:
            text += f" ({self.t('in_force', day=tx.date_only(on, lang))})"
        return name, text, str(prm.source_at(day_number(on)))

    def reading(self, name: str) -> tuple[str, str, str]:
        value = self.params.reading(name)
        return name, value, self.params[name].alternative(value).sentences[0]

    def venue(self, name: str) -> str:
        return value_label(name, self.lang)

    def skipped(self, start: dt.date, end: dt.date) -> str:
        """The non-working days strictly between two days, holidays named."""
        out = []
        for n in range(day_number(start) + 1, day_number(end)):
            if not self.cal.is_working_day(np.array([n]))[0]:
                out.append(f"{self.d(day_to_date(n))} ({self.names.holiday_name(n) or self.w['weekend']})")
        return "; ".join(out)

    def add(self, key: str, rule: str, inputs: dict[str, Any], parameters: list, result: str, value: Any,
            readings: tuple[str, ...] = ()) -> None:
        params = list(dict.fromkeys(parameters))
        self.steps.append(Step(key, rule, inputs, params, result, value,
                               readings=[self.reading(r) for r in readings]))

    # -- the steps, in the order of the rules --------------------------------------------------------
    def build(self) -> None:
        o = self.o
        E, A, apply_by, last = o["card_expiry"], o["application_date"], o["apply_by"], \
            o["apply_by_last_working_day"]
        case = "in_window" if apply_by == E and E <= self.window else \
            "expiry_first" if apply_by == E else "transition_first"
        self.add("deadline", self.w["rule.deadline"], {"card_expiry": E},
                 [self.param("choice_window_end", A), self.param("transition_deadline", A)],
                 self.t(f"deadline.{case}", label=self.label("apply_by"), apply_by=self.d(apply_by),
                        window=self.d(self.window), transition=self.d(self.transition), expiry=self.d(E)),
                 apply_by, ("before_reading",))
        skipped = self.skipped(last, apply_by + dt.timedelta(days=1))
        self.add("last_working_day", self.w["rule.last_working_day"], {"apply_by": apply_by}, [],
                 self.t("last_day.moved" if skipped else "last_day.same", skipped=skipped,
                        label=self.label("apply_by_last_working_day"), last=self.d(last)), last)
        slack = o["slack_days"]
        self.add("slack", self.w["rule.slack"], {"application_date": A, "apply_by": apply_by}, [],
                 self.t("slack.early" if slack >= 0 else "slack.late", label=self.label("slack_days"),
                        n=tx.count(abs(slack), "day", self.lang)), slack)
        self.status()
        self.option()
        if o["option_available"]:
            self.path()
        else:
            self.add("no_path", self.w["rule.no_path"], {"option": o["option"]}, [],
                     self.t("no_path.result", fees=tx.money(0, self.lang))
                     + (". " + tx.SILENT[self.lang] if o["status"] in LATE else ""), None)
        self.accommodation()
        if o["five_year_valid_until"] is not None:
            self.bok()

    def status(self) -> None:
        o, lang = self.o, self.lang
        E, A, status = o["card_expiry"], o["application_date"], o["status"]
        lo, hi, most = (self.params[n].value_at(day_number(A))
                        for n in ("choice_expiry_from", "choice_expiry_to", "max_years_resided"))
        lo, hi = day_to_date(lo), day_to_date(hi)
        fields = dict(years=tx.number(o["years_resided"], lang), max=most, A=self.d(A), E=self.d(E),
                      T=self.d(self.transition), W=self.d(self.window), lo=self.d(lo), hi=self.d(hi))
        advisory = self.params.reading("card_expiry_reading") == "advisory"
        reasons = []
        for code in ("out_of_scope", *LATE[:2], "choice", "five_year_only"):
            matched = code == status
            if code == "late_card_expired" and advisory:
                reasons.append(self.t("status.skip", label=self.label(code)))
                continue
            case = "yes" if matched else "no" if code != "choice" else \
                "no_expiry" if not lo <= E <= hi else "no_window"
            reasons.append(self.t("status.match" if matched else "status.not", label=self.label(code),
                                  why=self.t(f"{code}.{case}", **fields)))
            if matched:
                break
        self.add("status", self.w["rule.status"],
                 {"years_resided": o["years_resided"], "card_expiry": E, "application_date": A},
                 [self.param(n, A) for n in ("max_years_resided", "transition_deadline", "choice_expiry_from",
                                             "choice_expiry_to", "choice_window_end")],
                 self.t("status.result", label=self.label("status"), status=self.label(status),
                        reasons="; ".join(reasons)), status, ("card_expiry_reading", "before_reading"))

    def option(self) -> None:
        o = self.o
        case = ("open_choice" if o["status"] == "choice" else "open_five") if o["option_available"] else \
            "closed_a" if o["status"] == "five_year_only" else "closed_late"
        self.add("option", self.w["rule.option"], {"option": o["option"], "status": o["status"]}, [],
                 self.t(f"option.{case}", path=self.w[f"path.{o['option']}"], status=self.label(o["status"])),
                 o["option_available"])

    def path(self) -> None:
        o = self.o
        A, S, a = o["application_date"], o["second_application_date"], o["option"] == "a"
        five = o["five_year_issued_by"]
        self.application(1, A, "eu" if a else "five", o["first_issued_by"])
        if a:
            valid = day_to_date(self.params["eu_card_valid_until"].value_at(day_number(A)))
            self.add("eu_card", self.w["rule.eu_card"], {"first_issued_by": o["first_issued_by"]},
                     [self.param("eu_card_valid_until", A)],
                     self.t("eu_card.result", first=self.d(o["first_issued_by"]), valid=self.d(valid)), valid)
            self.application(2, S, "five", five)
            late = o["path_status"] == "late_second_application"
            note = ""
            if late:
                note = "." + (" " + self.w["path_status.card_issued"] if five is not None else "") \
                    + " " + tx.SILENT[self.lang]
            self.add("path_status", self.w["rule.path_status"], {"second_application_date": S},
                     [self.param("transition_deadline", A)],
                     self.t("path_status.late" if late else "path_status.ok", label=self.label("path_status"),
                            S=self.d(S), T=self.d(self.transition)) + note,
                     o["path_status"], ("late_second_application_reading", "before_reading"))
        if five is not None:
            self.add("five_year_card", self.w["rule.five_year_card"], {"five_year_issued_by": five},
                     [self.param("five_year_validity", S if a else A)],
                     self.t("five_year_card.result", label=self.label("five_year_valid_until"),
                            valid=self.d(o["five_year_valid_until"]), issued=self.d(five)),
                     o["five_year_valid_until"])
            self.gap(a)
        days = [A, S] if a else [A]
        self.fees(days)
        self.add("visits", self.w["rule.visits"], {"applications": o["applications"],
                                                   "delivery": o["delivery"]}, [],
                 self.t("visits.result", label=self.label("visits"), visits=o["visits"]), o["visits"])
        self.stamps(days)

    def application(self, n: int, on: dt.date, card: str, issued: dt.date | None) -> None:
        o, lang = self.o, self.lang
        name = "expedited_processing" if o["expedited"] else "standard_processing"
        duration = self.params[name].value_at(day_number(on))
        working = duration.unit == "working_days" or (
            duration.unit == "days" and self.params.reading("processing_days_reading") == "working")
        card_name = self.w[f"card.{card}"]
        if issued is None:
            result = self.t("application.no_card", card=card_name)
        else:
            how = self.t("how.working", nth=tx.ordinal(duration.amount, lang), on=self.d(on)) if working \
                else self.t("how.calendar", on=self.d(on), duration=tx.duration(duration, lang))
            skipped = self.skipped(on, issued) if working else ""
            how += self.t("how.skipped", skipped=skipped) if skipped else ""
            result = self.t("application.result", card=card_name, issued=self.d(issued), on=self.d(on),
                            speed=self.w["speed.expedited" if o["expedited"] else "speed.standard"], how=how)
        self.add(f"application_{n}", self.t("rule.application", n=n, card=card_name),
                 {"application_date" if n == 1 else "second_application_date": on,
                  "expedited": o["expedited"]}, [self.param(name, on)], result, (on, issued),
                 ("processing_days_reading",))

    def gap(self, a: bool) -> None:
        o, w = self.o, self.w
        five, first = o["five_year_issued_by"], o["first_issued_by"]
        eu_valid = day_to_date(self.params["eu_card_valid_until"].value_at(day_number(o["application_date"])))
        handovers = [("card.current", o["card_expiry"], "card.eu", first),
                     ("card.eu", eu_valid, "card.five", five)] if a else \
            [("card.current", o["card_expiry"], "card.five", five)]
        said = "; ".join(self.t("gap.handover", old=w[old], V=self.d(until), new=w[new], I=self.d(issued))
                         for old, until, new, issued in handovers)
        self.add("gap", w["rule.gap"], {}, [],
                 self.t("gap.result", label=self.label("gap_days"), handovers=said,
                        gap=tx.count(o["gap_days"], "day", self.lang)), o["gap_days"])

    def fees(self, days: list[dt.date]) -> None:
        o, lang, parameters, apps = self.o, self.lang, [], []
        for n, on in enumerate(days, 1):
            chosen = ["card"] + [k for k in ("expedited", "delivery") if o[k]]
            parameters += [self.param(f"fee_{k}", on) for k in chosen]
            apps.append(self.t("fees.application", n=n, on=self.d(on), terms=" + ".join(
                self.t(f"fee.{k}", x=tx.money(self.params[f"fee_{k}"].value_at(day_number(on)), lang))
                for k in chosen)))
        self.add("fees", self.w["rule.fees"], {"expedited": o["expedited"], "delivery": o["delivery"]},
                 parameters, self.t("fees.result", label=self.label("fees_eur"),
                                    total=tx.money(o["fees_cents"], lang), apps="; ".join(apps)),
                 o["fees_cents"])

    def stamps(self, days: list[dt.date]) -> None:
        o, lang = self.o, self.lang
        needed = o["fees_cents"] > 0
        channel = o["stamp_channel"]
        inputs = {k: o[k] for k in ("stamp_channel", "stamp_lead_days", "payment")}
        if not needed:
            self.add("stamps", self.w["rule.stamps"], inputs, [], self.w["stamps.none"], (False, True))
            return
        parameters = [self.param(n, on, channel) for on in days for n in ("stamp_validity", "stamp_payment")]
        A = day_number(days[0])
        self.add("stamps", self.w["rule.stamps"], inputs, parameters, self.t(
            "stamps.result", label=self.label("stamp_ok"), ok=value_label(o["stamp_ok"], lang),
            lead=tx.count(o["stamp_lead_days"], "day", lang), days=", ".join(self.d(d) for d in days),
            channel=value_label(channel, lang),
            validity=tx.duration(self.params["stamp_validity"].value_at(A)[channel], lang),
            accepted=self.w["or"].join(value_label(p, lang)
                                       for p in self.params["stamp_payment"].value_at(A)[channel]),
            payment=value_label(o["payment"], lang)), (True, o["stamp_ok"]))
        if o["stamp_refund_by"] is not None:
            reading = self.params.reading("stamp_refund_reading")
            bought = [d - dt.timedelta(days=o["stamp_lead_days"]) for d in days]
            window = self.params["stamp_refund_window"].value_at(day_number(bought[0]))
            self.add("stamp_refund", self.w["rule.stamp_refund"], {"stamp_lead_days": o["stamp_lead_days"]},
                     [self.param("stamp_refund_window", b) for b in bought],
                     self.t(f"stamp_refund.{reading}", label=self.label("stamp_refund_by"),
                            day=self.d(o["stamp_refund_by"]), window=tx.duration(window, lang)),
                     o["stamp_refund_by"], ("stamp_refund_reading",))

    def accommodation(self) -> None:
        o = self.o
        required = o["accommodation_document_required"]
        case = "no" if not required else "address" if o["address_changed"] else "first"
        result = self.t(f"accommodation.{case}", label=self.label("accommodation_document_required"))
        if required:
            readings = {name: self.params.reading(name) for name in self.params.readings}
            result += ". " + checklist(False, True, readings, lang=self.lang).iloc[-1]["note"]
        self.add("accommodation", self.w["rule.accommodation"],
                 {k: o[k] for k in ("address_changed", "accommodation_submitted_before")}, [], result,
                 required)

    def bok(self) -> None:
        valid = self.o["five_year_valid_until"]
        venues = venues_on(day_number(valid), self.params)
        listed = next(n for n in ("bok_venues_wider", "bok_venues_before")
                      if list(self.params[n].value_at(day_number(valid))) == venues)
        self.add("bok", self.w["rule.bok"], {"five_year_valid_until": valid},
                 [self.param("bok_wider_activation_from", valid), self.param(listed, valid)],
                 self.t("bok.result", label=self.label("bok_venue_types"), day=self.d(valid),
                        n=tx.count(self.o["bok_venue_types"], "office", self.lang),
                        venues="; ".join(self.venue(v) for v in venues)), self.o["bok_venue_types"])

    # -- the lead sentence ------------------------------------------------------------------------------
    def lead(self) -> str:
        o, lang = self.o, self.lang
        E, A, status = o["card_expiry"], o["application_date"], o["status"]
        long = {k: tx.date_only(v, lang) for k, v in (("E", E), ("A", A), ("T", self.transition))}
        if status in LATE:
            most = self.params["max_years_resided"].value_at(day_number(A))
            return self.t(f"summary.{status}", max=tx.count(most, "years", lang),
                          years=tx.number(o["years_resided"], lang), **long) + " " + tx.SILENT[lang]
        cards = {"eu_sk": label("eu_card", "sk"), "five_sk": label("five_year_card", "sk")}
        if status == "choice":
            eu_valid = day_to_date(self.params["eu_card_valid_until"].value_at(day_number(A)))
            parts = [self.t("summary.choice", eu_valid=tx.date_only(eu_valid, lang), **cards)]
        else:
            parts = [self.t("summary.five_year_a" if o["option"] == "a" else "summary.five_year", **cards)]
        if o["applied_after_expiry"]:
            parts.append(self.t("summary.advisory", **long))
        else:
            apply_by, last = o["apply_by"], o["apply_by_last_working_day"]
            day = tx.long_day(apply_by, lang, genitive=True)
            if apply_by == last:
                parts.append(self.t("summary.apply_by", day=day))
            else:
                name = self.names.holiday_name(day_number(apply_by))
                why = self.t("why.holiday", name=name) if name else \
                    self.t("why.weekend", weekday=tx.weekday(apply_by, lang))
                parts.append(self.t("summary.apply_by_moved", day=day, why=why,
                                    last=tx.long_day(last, lang, genitive=True)))
        if o["path_status"] == "late_second_application":
            parts += [self.t("summary.late_second", S=tx.date_only(o["second_application_date"], lang),
                             T=long["T"]), tx.SILENT[lang]]
        return " ".join(parts)
