"""The words of explain(): rule templates and day, money and duration formats, in English and Slovak.

Templates are str.format strings keyed by step and case; explorer.explain fills them from an
evaluated row and the parameters.  Names of outputs, statuses, inputs, values and the cards come
from explorer.labels (data/outputs.yaml), declared once there.  Nothing here computes a rule.
"""

from __future__ import annotations

import datetime as dt

from ..core.durations import Duration

LANGS = ("en", "sk")
SILENT = {"en": "The guidance does not say what follows.", "sk": "Usmernenie neuvádza, čo nasleduje."}


_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "sk": ("pondelok", "utorok", "streda", "štvrtok", "piatok", "sobota", "nedeľa"),
}
_WEEKDAYS_GENITIVE_SK = ("pondelka", "utorka", "stredy", "štvrtka", "piatku", "soboty", "nedele")
_ABBR_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "sk": ("januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta", "septembra",
           "októbra", "novembra", "decembra"),
}
# (singular, 2-4, 5+) in Slovak; (singular, plural) in English.
_UNITS = {
    "en": {"days": ("calendar day", "calendar days"), "working_days": ("working day", "working days"),
           "years": ("year", "years"), "day": ("day", "days"),
           "office": ("kind of office", "kinds of office")},
    "sk": {"days": ("kalendárny deň", "kalendárne dni", "kalendárnych dní"),
           "working_days": ("pracovný deň", "pracovné dni", "pracovných dní"),
           "years": ("rok", "roky", "rokov"), "day": ("deň", "dni", "dní"),
           "office": ("druh úradu", "druhy úradov", "druhov úradov")},
}


def short_day(d: dt.date, lang: str) -> str:
    """A day in a step: 'Wed 2020-11-18' or 'streda 18. 11. 2020' (Slovak 'po' would read as 'after')."""
    if lang == "en":
        return f"{_ABBR_EN[d.weekday()]} {d.isoformat()}"
    return f"{_WEEKDAYS['sk'][d.weekday()]} {d.day}. {d.month}. {d.year}"


def date_only(d: dt.date, lang: str) -> str:
    """'30 June 2021' or '30. júna 2021'."""
    month = _MONTHS[lang][d.month - 1]
    return f"{d.day} {month} {d.year}" if lang == "en" else f"{d.day}. {month} {d.year}"


def long_day(d: dt.date, lang: str, genitive: bool = False) -> str:
    """'Wednesday 1 January 2020'; Slovak 'streda 1. januára 2020' (after 'do': 'stredy ...')."""
    names = _WEEKDAYS_GENITIVE_SK if lang == "sk" and genitive else _WEEKDAYS[lang]
    return f"{names[d.weekday()]} {date_only(d, lang)}"


def weekday(d: dt.date, lang: str) -> str:
    """The weekday's full name."""
    return _WEEKDAYS[lang][d.weekday()]


def money(cents: int, lang: str) -> str:
    """'24.50 EUR' or '24,50 EUR'."""
    text = f"{cents // 100}.{cents % 100:02d}"
    return f"{text if lang == 'en' else text.replace('.', ',')} EUR"


def number(value: float, lang: str) -> str:
    """A number without a needless '.0'; a decimal comma in Slovak."""
    text = str(int(value)) if float(value).is_integer() else str(value)
    return text if lang == "en" else text.replace(".", ",")


def count(n: int, unit: str, lang: str) -> str:
    """'2 working days', '2 pracovné dni', '5 pracovných dní'."""
    forms = _UNITS[lang][unit]
    if lang == "en":
        return f"{n} {forms[0] if n == 1 else forms[1]}"
    return f"{n} {forms[0] if n == 1 else forms[1] if 2 <= n <= 4 else forms[2]}"


def duration(d: Duration, lang: str) -> str:
    """A Duration in words."""
    return count(d.amount, d.unit, lang)


def ordinal(n: int, lang: str) -> str:
    """'2nd' or '2.'."""
    if lang == "sk":
        return f"{n}."
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


T: dict[str, dict[str, str]] = {"en": {
    # rendering
    "result": "Result", "baseline": "Baseline", "reads": "Reads", "parameter": "Parameter",
    "source": "source", "reading": "Reading in force", "changed": "changed", "in_force": "in force on {day}",
    "no_step": "(no such step in the baseline)", "or": " or ",
    "weekend": "weekend", "card.eu": "EU card", "card.five": "five-year card",
    "card.current": "current EU card",
    # deadline, last working day, slack
    "rule.deadline": "Deadline: a card expiring by the end of the choice window is renewed by its expiry; "
                     "a later one by the earlier of its expiry and the last day to apply for the five-year "
                     "card. Whether \u201cbefore\u201d a named day includes it is a reading of the "
                     "guidance (\u201cbefore\u201d a date).",
    "deadline.in_window": "{label}: {apply_by}: the card expires by the last day of the choice window "
                          "({window}), so its expiry is the deadline",
    "deadline.expiry_first": "{label}: {apply_by}: the card expires after the choice window and by the last "
                             "day to apply for the five-year card ({transition}), so its expiry comes first",
    "deadline.transition_first": "{label}: {apply_by}: the last day to apply for the five-year card "
                                 "({transition}) comes before the card's expiry ({expiry})",
    "rule.last_working_day": "Last working day on or before the deadline: Monday to Friday, not a Slovak "
                             "public holiday (holidays from the maintained `holidays` package).",
    "last_day.same": "{label}: {last}: the deadline is itself a working day",
    "last_day.moved": "{label}: {last}; not working days: {skipped}",
    "rule.slack": "Days to spare: days from the application to the deadline (negative when late).",
    "slack.early": "{label}: {n} to spare", "slack.late": "{label}: {n} after the deadline",
    # status
    "rule.status": "Status: the first rule that matches wins: 1. out of scope (resided too long), 2. applied "
                   "after the card expired, 3. applied after the last day to apply for the five-year card, "
                   "4. choice (card expiring in the choice expiry window, applied by the end of the choice "
                   "window), 5. otherwise the five-year card only.",
    "status.result": "{label}: {status} ({reasons})",
    "status.match": "\u201c{label}\u201d: {why}", "status.not": "not \u201c{label}\u201d: {why}",
    "status.skip": "\u201c{label}\u201d does not apply: the card's expiry is read as advice "
                   "(reading: the card's expiry is advice)",
    "out_of_scope.yes": "{years} years resided, at least {max}",
    "out_of_scope.no": "{years} years resided, fewer than {max}",
    "late_card_expired.yes": "applied {A}, after the card's last day of validity {E}",
    "late_card_expired.no": "applied {A}, on or before the card's last day of validity {E}",
    "late_transition_deadline.yes": "applied {A}, after the last day to apply for the five-year card {T}",
    "late_transition_deadline.no": "applied {A}, on or before the last day to apply for the five-year "
                                   "card {T}",
    "choice.yes": "the card expires within {lo} to {hi} and the application {A} is on or before the last "
                  "day of the choice window {W}",
    "choice.no_expiry": "the card expires on {E}, outside {lo} to {hi}",
    "choice.no_window": "the application {A} comes after the last day of the choice window {W}",
    "five_year_only.yes": "no earlier rule matched",
    # option, no path
    "rule.option": "Path: path a (the EU card now, the five-year card later) is open under status choice; "
                   "path b (the five-year card now) under choice and five-year card only.",
    "path.a": "path a (the EU card now, the five-year card later)",
    "path.b": "path b (the five-year card now)",
    "option.open_choice": "{path} is open: the status gives a choice",
    "option.open_five": "{path} is open",
    "option.closed_a": "{path} is not open: opting for the EU card is no longer possible; only path b is",
    "option.closed_late": "{path} is not open: status \u201c{status}\u201d",
    "rule.no_path": "No path: when the chosen path is not open, its outputs are missing; applications, "
                    "fees and visits are 0.",
    "no_path.result": "no application counted, no card issued; fees {fees}, 0 visits",
    # applications
    "rule.application": "Application {n} ({card}): in person at the Foreign Police department competent for "
                        "the place of residence (not electronically, by mail or through a representative); "
                        "the card is issued by the application day plus the processing time: standard in "
                        "days (calendar or working days as the reading of \u201cwithin 30 days\u201d "
                        "says), expedited in "
                        "working days.",
    "application.result": "{card} issued by {issued}: applied {on}, {speed}: {how}",
    "speed.standard": "standard", "speed.expedited": "expedited",
    "how.working": "the {nth} working day after {on}", "how.calendar": "{on} + {duration}",
    "how.skipped": "; not working days: {skipped}",
    "application.no_card": "no {card} counted (reading: a late second application gives no five-year card)",
    "rule.path_status": "Path a, second application: on or before the last day to apply for the five-year "
                        "card the path is on time; after it, late.",
    "path_status.ok": "{label}: on time: second application {S}, on or before {T}",
    "path_status.late": "{label}: late: second application {S}, after {T}",
    "path_status.card_issued": "The five-year card is still counted as issued "
                               "(reading: a late second application still gives the card) to show "
                               "the dates the "
                               "holder would reach.",
    "rule.eu_card": "Path a: the re-issued EU card is valid until a fixed day.",
    "eu_card.result": "EU card issued by {first}, valid until {valid}",
    "rule.five_year_card": "The five-year card is valid from its issuance for the validity of the "
    "five-year card, to the "
                           "same month and day; 29 February becomes 28 February.",
    "five_year_card.result": "{label}: {valid} (issued by {issued})",
    "rule.gap": "Days without a valid card, worst case: for each handover from a card valid until V to a "
                "card issued by I, max(0, I \u2212 V \u2212 1) days, summed over the path.",
    "gap.result": "{label}: {gap}; {handovers}", "gap.handover": "{old} valid until {V}, {new} issued by {I}",
    # fees, visits, stamps
    "rule.fees": "Fees: per application, the card fee plus the optional fees chosen (expedited issuance, "
                 "delivery), each as in force on the application day.",
    "fees.result": "{label}: {total}; {apps}", "fees.application": "application {n} ({on}): {terms}",
    "fee.card": "card {x}", "fee.expedited": "expedited {x}", "fee.delivery": "delivery {x}",
    "rule.visits": "Visits: one to apply and one to collect per application, unless the card is delivered.",
    "visits.result": "{label}: {visits}",
    "rule.stamps": "Fee stamps (eKolok): needed for an application only when its fees are above 0; bought "
                   "the chosen number of days before it; usable up to and including the purchase day "
                   "plus the "
                   "channel's validity; the channel must accept the payment.",
    "stamps.none": "not needed: no fees",
    "stamps.result": "{label}: {ok}: bought {lead} before each application that needs them (applications "
                     "{days}); {channel}: valid {validity}; payment accepted: {accepted}; yours: {payment}",
    "rule.stamp_refund": "Unused fee stamps can be returned at a post office within the refund window from "
                         "the purchase.",
    "stamp_refund.first_purchase": "{label}: {day} ({window} from the first purchase)",
    "stamp_refund.each_purchase": "{label}: {day} (the latest of the {window} windows, one per purchase)",
    # accommodation, BOK
    "rule.accommodation": "A document on accommodation is required when the address changed since the first "
                          "card, or none was given with it.",
    "accommodation.address": "{label}: yes: the address changed",
    "accommodation.first": "{label}: yes: no document on accommodation was given with the first card",
    "accommodation.no": "{label}: no: same address, and a document was given with the first card",
    "rule.bok": "Where a personal security code (BOK) can be activated on the day the five-year card "
                "expires: more kinds of office from the day BOK activation widened.",
    "bok.result": "{label} ({day}): {n}: {venues}",
    # summary
    "summary.choice": "You can choose between the EU card until {eu_valid} and the five-year card.",
    "summary.five_year": "You can get the five-year card ({five_sk}).",
    "summary.five_year_a": "Opting for the EU card is no longer possible; you can get the five-year card "
                           "({five_sk}).",
    "summary.apply_by": "Apply by {day}.",
    "summary.apply_by_moved": "Apply by {day} \u2014 {why}, so in practice by {last}.",
    "why.holiday": "a public holiday ({name})", "why.weekend": "a {weekday}",
    "summary.advisory": "The guidance says you should apply by {E}, the last day of your card's validity; "
                        "you apply on {A}. Read as advice, this does not "
                        "close your path.",
    "summary.late_card_expired": "The guidance says you should apply by {E}, the last day of your card's "
                                 "validity; you apply on {A}, after it, so that deadline has passed.",
    "summary.late_transition_deadline": "The guidance says you will have to apply for the five-year card by "
                                        "{T} at the latest; you apply on {A}, after it, so that deadline "
                                        "has passed.",
    "summary.out_of_scope": "The guidance covers holders who have resided in Slovakia for less than {max}; "
                            "you have resided {years} years.",
    "summary.late_second": "Your second application on {S} comes after the last day to apply for the "
                           "five-year card ({T}).",
}, "sk": {
    "result": "Výsledok", "baseline": "Východiskový stav", "reads": "Vstupy", "parameter": "Parameter",
    "source": "zdroj", "reading": "Platný výklad", "changed": "zmenené", "in_force": "platné k {day}",
    "no_step": "(tento krok vo východiskovom stave nie je)", "or": " alebo ",
    "weekend": "víkend", "card.eu": "preukaz EÚ", "card.five": "päťročný preukaz",
    "card.current": "súčasný preukaz EÚ",
    "rule.deadline": "Lehota: preukaz, ktorého platnosť končí najneskôr na konci obdobia výberu, treba "
                     "obnoviť do konca jeho platnosti; neskôr končiaci preukaz do skoršieho z dvoch dní: "
                     "konca jeho platnosti a posledného dňa na podanie žiadosti o päťročný preukaz. Či "
                     "\u201epred\u201c daným dňom zahŕňa aj tento deň, určuje výklad usmernenia "
                     "(\u201epred\u201c dátumom).",
    "deadline.in_window": "{label}: {apply_by}: platnosť preukazu končí najneskôr v posledný deň obdobia "
                          "výberu ({window}), preto je lehotou koniec jeho platnosti",
    "deadline.expiry_first": "{label}: {apply_by}: platnosť preukazu končí po období výberu, ale najneskôr "
                             "v posledný deň na podanie žiadosti o päťročný preukaz ({transition}), preto "
                             "je skorší koniec jeho platnosti",
    "deadline.transition_first": "{label}: {apply_by}: posledný deň na podanie žiadosti o päťročný preukaz "
                                 "({transition}) je skôr ako koniec platnosti preukazu ({expiry})",
    "rule.last_working_day": "Posledný pracovný deň v deň lehoty alebo pred ním: pondelok až piatok okrem "
                             "štátnych sviatkov SR (sviatky z udržiavaného balíka `holidays`).",
    "last_day.same": "{label}: {last}: lehota sama pripadá na pracovný deň",
    "last_day.moved": "{label}: {last}; nepracovné dni: {skipped}",
    "rule.slack": "Rezerva: počet dní od podania žiadosti do lehoty (záporný pri oneskorení).",
    "slack.early": "{label}: {n} rezervy", "slack.late": "{label}: {n} po lehote",
    "rule.status": "Stav: platí prvé pravidlo, ktoré sa uplatní: 1. mimo rozsahu (príliš dlhý pobyt), "
                   "2. žiadosť po skončení platnosti preukazu, 3. žiadosť po poslednom dni na podanie "
                   "žiadosti o päťročný preukaz, 4. výber (platnosť preukazu končí v období výberu a žiadosť "
                   "je podaná do konca obdobia výberu), 5. inak len päťročný preukaz.",
    "status.result": "{label}: {status} ({reasons})",
    "status.match": "\u201e{label}\u201c: {why}", "status.not": "nie \u201e{label}\u201c: {why}",
    "status.skip": "\u201e{label}\u201c sa neuplatňuje: koniec platnosti preukazu sa vykladá ako "
                   "odporúčanie (výklad usmernenia)",
    "out_of_scope.yes": "počet rokov pobytu {years}, najmenej {max}",
    "out_of_scope.no": "počet rokov pobytu {years}, menej ako {max}",
    "late_card_expired.yes": "žiadosť {A} po poslednom dni platnosti preukazu {E}",
    "late_card_expired.no": "žiadosť {A} najneskôr v posledný deň platnosti preukazu {E}",
    "late_transition_deadline.yes": "žiadosť {A} po poslednom dni na podanie žiadosti o päťročný preukaz {T}",
    "late_transition_deadline.no": "žiadosť {A} najneskôr v posledný deň na podanie žiadosti o päťročný "
                                   "preukaz {T}",
    "choice.yes": "platnosť preukazu končí v období {lo} až {hi} a žiadosť {A} je podaná najneskôr "
                  "v posledný deň obdobia výberu {W}",
    "choice.no_expiry": "platnosť preukazu končí {E}, mimo obdobia {lo} až {hi}",
    "choice.no_window": "žiadosť {A} je podaná po poslednom dni obdobia výberu {W}",
    "five_year_only.yes": "žiadne predchádzajúce pravidlo sa neuplatnilo",
    "rule.option": "Cesta: cesta a (teraz preukaz EÚ, neskôr päťročný preukaz) je možná v stave výberu; "
                   "cesta b (hneď päťročný preukaz) v stave výberu aj v stave \u201elen päťročný "
                   "preukaz\u201c.",
    "path.a": "cesta a (teraz preukaz EÚ, neskôr päťročný preukaz)",
    "path.b": "cesta b (hneď päťročný preukaz)",
    "option.open_choice": "{path} je možná: stav dáva na výber",
    "option.open_five": "{path} je možná",
    "option.closed_a": "{path} nie je možná: preukaz EÚ si už zvoliť nemožno; možná je len cesta b",
    "option.closed_late": "{path} nie je možná: stav \u201e{status}\u201c",
    "rule.no_path": "Žiadna cesta: ak zvolená cesta nie je možná, jej výstupy chýbajú; počet žiadostí, "
                    "poplatky a návštevy sú 0.",
    "no_path.result": "žiadna započítaná žiadosť, žiadny vydaný preukaz; poplatky {fees}, 0 návštev",
    "rule.application": "Žiadosť {n} ({card}): osobne na oddelení cudzineckej polície príslušnom podľa "
                        "miesta pobytu (nie elektronicky, poštou ani prostredníctvom zástupcu); preukaz sa "
                        "vydá do dňa podania žiadosti plus lehoty vybavenia: štandardne v dňoch "
                        "(kalendárnych alebo pracovných podľa výkladu \u201edo 30 dní\u201c), zrýchlene "
                        "v pracovných dňoch.",
    "application.result": "{card} vydaný do {issued}: žiadosť {on}, {speed}: {how}",
    "speed.standard": "štandardne", "speed.expedited": "zrýchlene",
    "how.working": "{nth} pracovný deň po {on}", "how.calendar": "{on} + {duration}",
    "how.skipped": "; nepracovné dni: {skipped}",
    "application.no_card": "{card} sa nezapočítava (výklad: oneskorená druhá žiadosť nevedie k "
    "päťročnému preukazu)",
    "rule.path_status": "Cesta a, druhá žiadosť: ak je podaná najneskôr v posledný deň na podanie žiadosti "
                        "o päťročný preukaz, cesta je včas; ak po ňom, je oneskorená.",
    "path_status.ok": "{label}: včas: druhá žiadosť {S}, najneskôr {T}",
    "path_status.late": "{label}: oneskorená: druhá žiadosť {S}, po {T}",
    "path_status.card_issued": "Päťročný preukaz sa aj tak počíta ako vydaný "
                               "(výklad: oneskorená druhá žiadosť ešte vedie k preukazu), aby boli "
                               "vidieť dátumy, "
                               "ktoré by držiteľ dosiahol.",
    "rule.eu_card": "Cesta a: znovu vydaný preukaz EÚ platí do pevne určeného dňa.",
    "eu_card.result": "preukaz EÚ vydaný do {first}, platný do {valid}",
    "rule.five_year_card": "Päťročný preukaz platí od vydania počas doby platnosti päťročného preukazu, do "
                           "rovnakého dňa a mesiaca; 29. február sa mení na 28. február.",
    "five_year_card.result": "{label}: {valid} (vydaný do {issued})",
    "rule.gap": "Dni bez platného preukazu, v najhoršom prípade: pri každej výmene preukazu platného do V "
                "za preukaz vydaný do I je to max(0, I \u2212 V \u2212 1) dní, spolu za celú cestu.",
    "gap.result": "{label}: {gap}; {handovers}", "gap.handover": "{old} platný do {V}, {new} vydaný do {I}",
    "rule.fees": "Poplatky: za každú žiadosť poplatok za preukaz plus zvolené voliteľné poplatky (zrýchlené "
                 "vydanie, doručenie), každý v sume platnej v deň podania žiadosti.",
    "fees.result": "{label}: {total}; {apps}", "fees.application": "žiadosť {n} ({on}): {terms}",
    "fee.card": "preukaz {x}", "fee.expedited": "zrýchlené vydanie {x}", "fee.delivery": "doručenie {x}",
    "rule.visits": "Návštevy: pri každej žiadosti jedna na podanie a jedna na prevzatie, ak sa preukaz "
                   "nedoručuje.",
    "visits.result": "{label}: {visits}",
    "rule.stamps": "Kolky (eKolok): pri žiadosti sú potrebné, len ak sú jej poplatky vyššie ako 0; kupujú sa "
                   "zvolený počet dní pred ňou; použiteľné sú do dňa kúpy plus platnosti podľa miesta "
                   "kúpy vrátane; miesto kúpy musí prijímať zvolený spôsob platby.",
    "stamps.none": "nie sú potrebné: žiadne poplatky",
    "stamps.result": "{label}: {ok}: kúpené {lead} pred každou žiadosťou, ktorá ich potrebuje (žiadosti "
                     "{days}); {channel}: platnosť {validity}; prijímaná platba: {accepted}; vaša: {payment}",
    "rule.stamp_refund": "Nepoužité kolky možno vrátiť na pošte v lehote od kúpy.",
    "stamp_refund.first_purchase": "{label}: {day} ({window} od prvej kúpy)",
    "stamp_refund.each_purchase": "{label}: {day} (najneskorší koniec lehôt {window}, jednej pre každú kúpu)",
    "rule.accommodation": "Doklad o ubytovaní je potrebný, ak sa od prvého preukazu zmenila adresa alebo ak "
                          "sa s prvým preukazom nepredložil.",
    "accommodation.address": "{label}: áno: adresa sa zmenila",
    "accommodation.first": "{label}: áno: s prvým preukazom sa doklad o ubytovaní nepredložil",
    "accommodation.no": "{label}: nie: adresa je rovnaká a doklad sa predložil s prvým preukazom",
    "rule.bok": "Kde možno aktivovať bezpečnostný osobný kód (BOK) v deň skončenia platnosti päťročného "
                "preukazu: odo dňa rozšírenia aktivácie BOK na viacerých druhoch úradov.",
    "bok.result": "{label} ({day}): {n}: {venues}",
    "summary.choice": "Môžete si vybrať: {eu_sk} s platnosťou do {eu_valid}, alebo päťročné {five_sk}.",
    "summary.five_year": "Môžete získať päťročné {five_sk}.",
    "summary.five_year_a": "{eu_sk} si už zvoliť nemôžete; môžete získať päťročné {five_sk}.",
    "summary.apply_by": "Žiadosť podajte do {day}.",
    "summary.apply_by_moved": "Žiadosť podajte do {day} \u2014 {why}, takže v praxi do {last}.",
    "why.holiday": "je to štátny sviatok ({name})", "why.weekend": "je to {weekday}",
    "summary.advisory": "Podľa usmernenia by ste mali podať žiadosť najneskôr v posledný deň platnosti "
                        "preukazu, {E}; žiadosť podávate {A}. Ak sa to chápe ako odporúčanie "
                        "(výklad usmernenia), vaša cesta sa tým neuzatvára.",
    "summary.late_card_expired": "Podľa usmernenia by ste mali podať žiadosť najneskôr v posledný deň "
                                 "platnosti preukazu, {E}; žiadosť podávate {A}, teda neskôr, a táto lehota "
                                 "uplynula.",
    "summary.late_transition_deadline": "Podľa usmernenia musíte o päťročný preukaz požiadať najneskôr {T}; "
                                        "žiadosť podávate {A}, teda neskôr, a táto lehota uplynula.",
    "summary.out_of_scope": "Usmernenie sa týka držiteľov s pobytom na Slovensku kratším ako {max}; počet "
                            "vašich rokov pobytu: {years}.",
    "summary.late_second": "Druhú žiadosť podávate {S}, po poslednom dni na podanie žiadosti o päťročný "
                           "preukaz ({T}).",
}}
