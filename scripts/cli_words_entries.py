# ruff: noqa: E501 - whole sentences, kept on the lines a translator reads
"""Adds the command line's usage, OS-error and help sentences to the catalogues (run once; idempotent)."""

from __future__ import annotations

from explorer.words.catalogue import LOCALE_DIR
from explorer.words.catalogue_files import write_entries

E = {
    # argparse's usage errors, by the shape of argparse's English message
    "cli.usage.required": {
        "en": "The command needs these arguments, which are missing: {flags}.",
        "sk": "Príkazu chýbajú tieto povinné argumenty: {flags}."},
    "cli.usage.unrecognized": {
        "en": "These arguments are not known to the command: {arguments}.",
        "sk": "Tieto argumenty príkaz nepozná: {arguments}."},
    "cli.usage.invalid_choice": {
        "en": "The value {value} of {flag} is not one of the allowed values: {choices}.",
        "sk": "Hodnota {value} argumentu {flag} nie je medzi povolenými hodnotami: {choices}."},
    "cli.usage.expected_one": {
        "en": "The argument {flag} needs one value after it.",
        "sk": "Za argumentom {flag} má nasledovať jedna hodnota."},
    "cli.usage.expected_at_most_one": {
        "en": "The argument {flag} takes at most one value.",
        "sk": "Argument {flag} môže mať najviac jednu hodnotu."},
    "cli.usage.expected_at_least_one": {
        "en": "The argument {flag} needs at least one value after it.",
        "sk": "Za argumentom {flag} má nasledovať aspoň jedna hodnota."},
    "cli.usage.expected_n": {
        "en": "The argument {flag} needs this many values after it: {count}.",
        "sk": "Za argumentom {flag} má nasledovať tento počet hodnôt: {count}."},
    "cli.usage.invalid_int": {
        "en": "The value {value} of {flag} is not a whole number.",
        "sk": "Hodnota {value} argumentu {flag} nie je celé číslo."},
    "cli.usage.invalid_value": {
        "en": "The value {value} of {flag} cannot be read.",
        "sk": "Hodnotu {value} argumentu {flag} nemožno prečítať."},
    "cli.usage.not_allowed_with": {
        "en": "The argument {flag} cannot be used together with {other}.",
        "sk": "Argument {flag} nemožno použiť spolu s argumentom {other}."},
    "cli.usage.ignored_explicit": {
        "en": "The argument {flag} takes no value, but {value} was given.",
        "sk": "Argument {flag} nemá hodnotu, zadaná však bola hodnota {value}."},
    "cli.usage.ambiguous": {
        "en": "The option {option} is ambiguous: it could mean {matches}.",
        "sk": "Voľba {option} je nejednoznačná: môže znamenať {matches}."},
    "cli.usage.one_required": {
        "en": "The command needs one of these arguments: {flags}.",
        "sk": "Príkaz potrebuje jeden z týchto argumentov: {flags}."},
    "cli.usage.out_folder": {
        "en": "The file name {value} of {flag} ends in a slash, so it names a folder: give a file name, "
              "e.g. {example}.",
        "sk": "Názov súboru {value} argumentu {flag} sa končí lomkou, a teda označuje priečinok: zadajte "
              "názov súboru, napríklad {example}."},
    "cli.usage.out_empty": {
        "en": "The file name of {flag} is empty: give a file name, e.g. {example}.",
        "sk": "Názov súboru argumentu {flag} je prázdny: zadajte názov súboru, napríklad {example}."},
    "cli.usage.argument_other": {
        "en": "The argument {flag} was not understood: {message}",
        "sk": "Argumentu {flag} príkaz nerozumie: {message}"},
    "cli.usage.other": {
        "en": "The command line was not understood: {message}",
        "sk": "Príkazovému riadku program nerozumie: {message}"},
    # file system errors by errno, then any other
    "cli.os.ENOENT": {"en": "There is no file or folder {file}.",
                      "sk": "Súbor alebo priečinok {file} neexistuje."},
    "cli.os.EACCES": {"en": "You have no permission to use the file {file}.",
                      "sk": "Na prácu so súborom {file} nemáte oprávnenie."},
    "cli.os.EISDIR": {"en": "{file} is a folder, not a file.",
                      "sk": "Cesta {file} označuje priečinok, nie súbor."},
    "cli.os.ENOTDIR": {"en": "A part of the path {file} is a file, not a folder.",
                       "sk": "Časť cesty {file} je súbor, nie priečinok."},
    "cli.os.ENOSPC": {"en": "There is no space left on the disk to write {file}.",
                      "sk": "Na disku nie je dosť miesta na zápis súboru {file}."},
    "cli.os.EEXIST": {"en": "The file {file} already exists.",
                      "sk": "Súbor {file} už existuje."},
    "cli.os.EROFS": {"en": "The file {file} is on a disk that can only be read.",
                     "sk": "Súbor {file} je na disku, ktorý sa dá len čítať."},
    "cli.os.other_file": {"en": "The system reports for the file {file}: {reason}.",
                          "sk": "Systém pri súbore {file} hlási: {reason}."},
    "cli.os.other": {"en": "The system reports an error: {reason}.",
                     "sk": "Systém hlási chybu: {reason}."},
    "cli.interrupted": {"en": "{prog}: stopped, interrupted from the keyboard.",
                        "sk": "{prog}: zastavené, prerušené z klávesnice."},
    "cli.terminated": {"en": "{prog}: stopped by the signal {signal}.",
                       "sk": "{prog}: zastavené signálom {signal}."},
}

H = {
    # --help: argparse's fixed words
    "cli.help.usage_prefix": {"en": "usage: ", "sk": "použitie: "},
    "cli.help.positionals": {"en": "positional arguments", "sk": "argumenty podľa poradia"},
    "cli.help.options": {"en": "options", "sk": "voľby"},
    "cli.help.help": {"en": "show this help message and exit", "sk": "zobrazí túto pomoc a skončí"},
    "cli.help.commands": {"en": "the command to run", "sk": "príkaz, ktorý sa má vykonať"},
    # group titles
    "cli.help.group.scenarios": {"en": "scenarios", "sk": "scenáre"},
    "cli.help.group.rules": {"en": "rules", "sk": "pravidlá"},
    "cli.help.group.output": {"en": "output", "sk": "výstup"},
    "cli.help.group.running": {"en": "running", "sk": "spustenie"},
    "cli.help.group.grouping": {"en": "grouping", "sk": "zoskupenie"},
    "cli.help.group.report": {"en": "report", "sk": "správa"},
    "cli.help.group.readings_and_reforms": {"en": "readings and reforms", "sk": "výklady a reformy"},
    # the program
    "cli.help.description": {
        "en": "Scenario explorer for the Slovak move from EU family-member residence cards\n"
              "(less than five years of residence) to five-year cards: deadlines, statuses,\n"
              "issuance days, days without a card, fees and visits for every combination of\n"
              "card expiry day x application day x option (a, b) x fee choices.",
        "sk": "Prieskum scenárov slovenského prechodu z pobytového preukazu rodinného príslušníka\n"
              "občana EÚ (pobyt kratší ako päť rokov) na päťročné povolenie na pobyt: lehoty, stavy, dni\n"
              "vydania, dni bez platného preukazu, poplatky a návštevy pre každú kombináciu\n"
              "dňa skončenia platnosti preukazu, dňa podania žiadosti, možnosti („a“, „b“) a voľby poplatkov."},
    "cli.help.examples": {
        "en": """examples:
  # weekly sweep of expiry x application days, saved for pandas or Excel
  explorer sweep --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31 \\
      --freq W --out results.parquet

  # the same with stamps bought at the post office three days ahead
  explorer sweep --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31 \\
      --freq W --set stamp_channel=post_office --set stamp_lead_days=3 --out results.csv

  # status, deadline and fee tables by month, also saved as an Excel workbook
  explorer summary --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31 \\
      --freq W --out summary.xlsx

  # what a shipped reform changes (list them with `explorer reforms`)
  explorer compare --reform transition-deadline-2021-12-31 --expiry 2020-01-01:2022-12-31 \\
      --application 2020-01-01:2021-12-31 --freq W --out compare.xlsx

  # the baseline against one reading of the guidance (no reform file needed)
  explorer compare --reading before_reading=exclusive --expiry 2020-01-01:2022-12-31 \\
      --application 2020-01-01:2021-12-31 --freq W

  # which statuses hold under every reading (and the shipped reforms), and what each changes
  explorer sensitivity --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-12-31 \\
      --reform transition-deadline-2021-12-31 --labels en --out sensitivity.xlsx

  # a population file: bad rows reported, aggregates printed and saved
  explorer population data/populations/sample.csv --bad-out bad.csv --out aggregates.xlsx

Exit codes: 0 done, 2 bad input (the message names the field and value),
1 a file system error, 130 interrupted, 143/129 terminated (SIGTERM/SIGHUP).""",
        "sk": """príklady:
  # týždenná mriežka dní skončenia platnosti a podania žiadosti, uložená pre pandas alebo Excel
  explorer sweep --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31 \\
      --freq W --out results.parquet

  # to isté s kolkami kúpenými na pošte tri dni vopred
  explorer sweep --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31 \\
      --freq W --set stamp_channel=post_office --set stamp_lead_days=3 --out results.csv

  # tabuľky stavov, lehôt a poplatkov podľa mesiacov, uložené aj ako zošit Excel
  explorer summary --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31 \\
      --freq W --out summary.xlsx

  # čo mení dodaná reforma (zoznam vypíše príkaz „explorer reforms“)
  explorer compare --reform transition-deadline-2021-12-31 --expiry 2020-01-01:2022-12-31 \\
      --application 2020-01-01:2021-12-31 --freq W --out compare.xlsx

  # východiskový stav v porovnaní s jedným výkladom usmernenia (bez súboru reformy)
  explorer compare --reading before_reading=exclusive --expiry 2020-01-01:2022-12-31 \\
      --application 2020-01-01:2021-12-31 --freq W

  # ktoré stavy platia pri každom výklade (a pri dodaných reformách) a čo každý z nich mení
  explorer sensitivity --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-12-31 \\
      --reform transition-deadline-2021-12-31 --labels sk --out sensitivity.xlsx

  # súbor populácie: vypíše chybné riadky, súhrny vypíše aj uloží
  explorer population data/populations/sample.csv --bad-out bad.csv --out aggregates.xlsx

Návratové kódy: 0 hotovo, 2 chybný vstup (správa uvádza pole a hodnotu),
1 chyba súborového systému, 130 prerušené, 143/129 ukončené signálom („SIGTERM“/„SIGHUP“)."""},
}

A = {  # each argument's help (cli.help.arg.<key>); "%" is written as it is (argparse's escaping is code's)
    "expiry": ("card expiry days, e.g. 2020-01-01:2022-12-31 (both included)",
               "dni skončenia platnosti preukazu, napríklad „2020-01-01:2022-12-31“ (vrátane oboch)"),
    "application": ("first application days, e.g. 2020-01-01:2021-08-31, or days relative to each card's "
                    "expiry, e.g. expiry-30D:expiry+30D (every day from 30 days before to 30 days after)",
                    "dni prvého podania žiadosti, napríklad „2020-01-01:2021-08-31“, alebo dni vzhľadom na "
                    "skončenie platnosti každého preukazu, napríklad „expiry-30D:expiry+30D“ (každý deň od "
                    "30 dní pred do 30 dní po)"),
    "freq": ("step between days: D daily (default), W weekly, MS month starts, or any pandas frequency",
             "krok medzi dňami: „D“ denne (predvolené), „W“ týždenne, „MS“ začiatky mesiacov alebo "
             "ľubovoľná frekvencia knižnice pandas"),
    "options": ("paths to take, comma-separated: a (EU card now, five-year card later), b (five-year card "
                "now); default a,b",
                "možnosti oddelené čiarkou: „a“ (teraz pobytový preukaz EÚ, neskôr päťročné povolenie na pobyt), „b“ "
                "(hneď päťročné povolenie na pobyt); predvolené „a,b“"),
    "expedited": ("expedited issuance: no, yes or no,yes (default)",
                  "zrýchlené vydanie: „no“, „yes“ alebo „no,yes“ (predvolené)"),
    "delivery": ("card delivered by post: no, yes or no,yes (default)",
                 "doručenie preukazu poštou: „no“, „yes“ alebo „no,yes“ (predvolené)"),
    "set": ("fix another input column on every row, repeatable, e.g. --set stamp_channel=post_office "
            "--set stamp_lead_days=3 --set payment=cash --set years_resided=2",
            "pevná hodnota ďalšieho vstupného stĺpca v každom riadku, možno opakovať, napríklad „--set "
            "stamp_channel=post_office“ „--set stamp_lead_days=3“ „--set payment=cash“ „--set years_resided=2“"),
    "max_rows": ("refuse sweeps larger than N rows (default {max_rows:,})",
                 "odmietne mriežku scenárov s viac ako „N“ riadkami (predvolené {max_rows:,})"),
    "params": ("rule parameters YAML (default: the project's data/parameters.yaml)",
               "súbor YAML s parametrami pravidiel (predvolený: „data/parameters.yaml“ projektu)"),
    "reform": ("apply a reform to the parameters (after --params): a shipped reform name (see `explorer "
               "reforms`) or a reform YAML file",
               "použije na parametre reformu (po „--params“): názov dodanej reformy (pozri „explorer "
               "reforms“) alebo súbor YAML s reformou"),
    "reading": ("read an ambiguous sentence of the guidance another way, after --params and --reform, e.g. "
                "--reading card_expiry_reading=advisory --reading before_reading=exclusive (list them with "
                "`explorer readings`)",
                "vyloží nejednoznačnú vetu usmernenia inak, po „--params“ a „--reform“, napríklad „--reading "
                "card_expiry_reading=advisory“ „--reading before_reading=exclusive“ (zoznam vypíše „explorer "
                "readings“)"),
    "compare_reform": ("the reform: a shipped reform name (see `explorer reforms`) or a reform YAML file; "
                       "applied on top of the baseline. Without --reform, give --reading NAME=VALUE: the "
                       "baseline is then compared with that reading",
                       "reforma: názov dodanej reformy (pozri „explorer reforms“) alebo súbor YAML s reformou; "
                       "použije sa nad východiskovým stavom. Bez „--reform“ zadajte „--reading NÁZOV=HODNOTA“: "
                       "východiskový stav sa potom porovná s týmto výkladom"),
    "baseline": ("compare against this reform instead of the plain parameters",
                 "porovná s touto reformou namiesto samotných parametrov"),
    "compare_params": ("rule parameters YAML under both sides (default: data/parameters.yaml)",
                       "súbor YAML s parametrami pravidiel pre obe strany (predvolený: „data/parameters.yaml“)"),
    "compare_reading": ("read an ambiguous sentence of the guidance another way (list them with `explorer "
                        "readings`), repeatable. With --reform it applies to BOTH sides (the reform is "
                        "compared under that reading); without --reform the baseline is compared with the "
                        "readings switched, e.g. explorer compare --reading before_reading=exclusive --expiry "
                        "... --application ...",
                        "vyloží nejednoznačnú vetu usmernenia inak (zoznam vypíše „explorer readings“), možno "
                        "opakovať. S „--reform“ platí pre OBE strany (reforma sa porovná pri tomto výklade); bez "
                        "„--reform“ sa východiskový stav porovná so zmenenými výkladmi, napríklad „explorer "
                        "compare --reading before_reading=exclusive --expiry ... --application ...“"),
    "force": ("overwrite FILE if it exists", "prepíše súbor „SÚBOR“, ak existuje"),
    "sweep_out": ("file to write: .parquet (keeps every type), .csv or .xlsx (at most {rows:,} rows)",
                  "súbor na zápis: „.parquet“ (zachová každý typ), „.csv“ alebo „.xlsx“ (najviac {rows:,} "
                  "riadkov)"),
    "compare_out": ("also save the difference tables as sheets of this .xlsx workbook",
                    "uloží aj tabuľky rozdielov ako hárky tohto zošita „.xlsx“"),
    "rows_out": ("also save the side-by-side rows (inputs, then each output under baseline and reform): "
                 ".parquet (keeps every type), .csv or .xlsx",
                 "uloží aj riadky vedľa seba (vstupy, potom každý výstup pri východiskovom stave a pri "
                 "reforme): „.parquet“ (zachová každý typ), „.csv“ alebo „.xlsx“"),
    "file": ("population .csv or .parquet (columns: see data/populations/README.md); with --dask, a glob "
             "pattern such as 'pop-*.parquet' (quote it)",
             "súbor populácie „.csv“ alebo „.parquet“ (stĺpce: pozri „data/populations/README.md“); s "
             "„--dask“ vzor názvov, napríklad „pop-*.parquet“ (v úvodzovkách)"),
    "dask": ("read and evaluate the file(s) with Dask, one partition per file",
             "načíta a vyhodnotí súbory pomocou Dask, jeden oddiel na súbor"),
    "scheduler": ("with --dask: a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: this "
                  "machine's threads)",
                  "s „--dask“: bežiaci plánovač Dask, napríklad „tcp://10.0.0.5:8786“ (predvolené: vlákna "
                  "tohto počítača)"),
    "no_progress": ("no progress bar on stderr", "bez ukazovateľa priebehu na chybovom výstupe"),
    "population_out": ("also save the aggregate tables as sheets of this .xlsx workbook",
                       "uloží aj súhrnné tabuľky ako hárky tohto zošita „.xlsx“"),
    "bad_out": ("save every problem found (row, column, value, reason) to this .csv (or .parquet, .xlsx)",
                "uloží každý nájdený problém (riadok, stĺpec, hodnota, dôvod) do tohto súboru „.csv“ "
                "(alebo „.parquet“, „.xlsx“)"),
    "population_force": ("overwrite output files that exist", "prepíše výstupné súbory, ktoré existujú"),
    "labels": ("headers and values (statuses, options) of what is printed and written: codes, the column "
               "codes, for files meant for code (default); en or sk, labels in English or Slovak for people "
               "(see data/outputs.yaml)",
               "hlavičky a hodnoty (stavy, možnosti) vypísaného a zapísaného: „codes“, kódy stĺpcov, pre "
               "súbory určené programom (predvolené); „en“ alebo „sk“, názvy v angličtine alebo slovenčine "
               "pre ľudí (pozri „data/outputs.yaml“)"),
    "summary_out": ("also save the three tables as sheets of this .xlsx workbook",
                    "uloží aj tri tabuľky ako hárky tohto zošita „.xlsx“"),
    "expiry_period": ("group expiry days by D, W, MS (month, default), QS or YS",
                      "zoskupí dni skončenia platnosti podľa „D“, „W“, „MS“ (mesiac, predvolené), „QS“ "
                      "alebo „YS“"),
    "application_period": ("group application days by D, W, MS (month, default), QS or YS",
                           "zoskupí dni podania žiadosti podľa „D“, „W“, „MS“ (mesiac, predvolené), „QS“ "
                           "alebo „YS“"),
    "person": ("also explain one person, e.g. 2020-11-13:2020-11-13 (path and choices as in the dashboard: "
               "b when --options has b, expedited/delivery when only yes)",
               "vysvetlí aj jednu osobu, napríklad „2020-11-13:2020-11-13“ (možnosť a voľby ako na paneli: "
               "„b“, keď „--options“ obsahuje „b“, zrýchlenie a doručenie, keď je zadané len „yes“)"),
    "title": ("the report's title", "názov správy"),
    "report_out": ("report file: .html (self-contained, charts inline) or .pdf (printed by headless "
                   "Chromium)",
                   "súbor správy: „.html“ (samostatný, grafy vložené) alebo „.pdf“ (vytlačený prehliadačom "
                   "Chromium bez okna)"),
    "sensitivity_params": ("rule parameters YAML (default: the project's data/parameters.yaml)",
                           "súbor YAML s parametrami pravidiel (predvolený: „data/parameters.yaml“ projektu)"),
    "sensitivity_reading": ("a reading to vary, repeatable (default: every reading; list them with "
                            "`explorer readings`)",
                            "výklad, ktorý sa má meniť, možno opakovať (predvolené: každý výklad; zoznam "
                            "vypíše „explorer readings“)"),
    "sensitivity_reform": ("also under this reform, repeatable: a shipped reform name (see `explorer "
                           "reforms`) or a reform YAML file",
                           "aj pri tejto reforme, možno opakovať: názov dodanej reformy (pozri „explorer "
                           "reforms“) alebo súbor YAML s reformou"),
    "sensitivity_out": ("also save the tables: .xlsx (sheets: summary, alternatives, by expiry month, status "
                        "moves), or .csv / .parquet (the alternatives table)",
                        "uloží aj tabuľky: „.xlsx“ (hárky: súhrn, alternatívy, podľa mesiaca skončenia "
                        "platnosti, zmeny stavu) alebo „.csv“ či „.parquet“ (tabuľka alternatív)"),
}
C = {  # each subcommand: (help en, help sk, description en, description sk)
    "sweep": ("evaluate every combination and write the rows to a file",
              "vyhodnotí každú kombináciu a zapíše riadky do súboru",
              "Evaluate every combination of expiry day x application day x option x fee choices and write "
              "one row per combination to a file.",
              "Vyhodnotí každú kombináciu dňa skončenia platnosti, dňa podania žiadosti, možnosti a volieb "
              "poplatkov a zapíše do súboru jeden riadok za každú kombináciu."),
    "summary": ("print status, deadline and fee tables of a sweep",
                "vypíše tabuľky stavov, lehôt a poplatkov mriežky scenárov",
                "Evaluate a sweep and print three tables: rows per status by expiry x application period, "
                "deadlines and issuance days by expiry period, and fees, visits and days without a card per "
                "option and fee choice.",
                "Vyhodnotí mriežku scenárov a vypíše tri tabuľky: počet riadkov podľa stavu, obdobia skončenia "
                "platnosti a obdobia podania žiadosti; lehoty a dni vydania podľa obdobia skončenia "
                "platnosti; poplatky, návštevy a dni bez platného preukazu podľa možnosti a voľby poplatkov."),
    "compare": ("print what a reform changes over a sweep", "vypíše, čo reforma mení v mriežke scenárov",
                "Evaluate the same sweep under a baseline and a reform and print what changes: a summary, "
                "status transitions, date shifts, and fees, visits and days without a card with their "
                "differences.",
                "Vyhodnotí tú istú mriežku scenárov pri východiskovom stave a pri reforme a vypíše, čo sa mení: "
                "súhrn, zmeny stavu, posuny dátumov a poplatky, návštevy a dni bez platného preukazu s "
                "ich rozdielmi."),
    "population": ("check a population file, evaluate it and print aggregates",
                   "skontroluje súbor populácie, vyhodnotí ho a vypíše súhrny",
                   "Load a population of card holders (CSV or Parquet), report the rows with problems, "
                   "evaluate the valid rows and print applications per week, fees per month, who is late "
                   "and why, and a histogram of days without a card.",
                   "Načíta populáciu držiteľov preukazov (CSV alebo Parquet), ohlási riadky s problémami, "
                   "vyhodnotí platné riadky a vypíše žiadosti za týždeň, poplatky za mesiac, kto mešká a "
                   "prečo a histogram dní bez platného preukazu."),
    "readings": ("list the readings of the guidance: each value, its sentences and case",
                 "vypíše výklady usmernenia: každú hodnotu, jej vety a zdôvodnenie",
                 "Where the guidance can be read two ways: each reading, the value in force (the first listed "
                 "is the baseline), the sentences behind each value and its case. Switch one with --reading "
                 "NAME=VALUE on sweep, summary, compare and population.",
                 "Kde sa usmernenie dá čítať dvoma spôsobmi: každý výklad, platná hodnota (prvá uvedená je "
                 "východisková), vety za každou hodnotou a jej zdôvodnenie. Výklad sa prepína voľbou "
                 "„--reading NÁZOV=HODNOTA“ v príkazoch „sweep“, „summary“, „compare“ a „population“."),
    "reforms": ("list the shipped reforms and what each changes", "vypíše dodané reformy a čo každá mení",
                "List the reforms shipped in data/reforms/: name, description and the parameters each changes "
                "(baseline -> reform). Use a name with --reform.",
                "Vypíše reformy dodané v priečinku „data/reforms/“: názov, opis a parametre, ktoré každá mení "
                "(východiskový stav -> reforma). Názov sa použije s voľbou „--reform“."),
    "report": ("write a report of a sweep as one HTML file or a PDF",
               "zapíše správu o mriežke scenárov ako jeden súbor HTML alebo PDF",
               "Evaluate a sweep and write a report to send: the settings, the parameters and readings in "
               "force with their sources, the options map, the status, deadline and fee tables, and "
               "optionally one person's explanation.",
               "Vyhodnotí mriežku scenárov a zapíše správu na odoslanie: nastavenia, platné parametre a výklady s ich "
               "zdrojmi, mapu možností, tabuľky stavov, lehôt a poplatkov a voliteľne vysvetlenie pre jednu "
               "osobu."),
    "sensitivity": ("which statuses hold under every reading of the guidance",
                    "ktoré stavy platia pri každom výklade usmernenia",
                    "Evaluate a sweep under every combination of the readings' alternatives (and each "
                    "--reform) and print how many scenarios keep their status under all of them, what each "
                    "alternative changes against the readings in force (status, apply-by day, fees, days "
                    "without a valid card, visits), the same by expiry month, and the status moves.",
                    "Vyhodnotí mriežku scenárov pri každej kombinácii alternatív výkladov (a pri každej reforme "
                    "„--reform“) a vypíše, koľko scenárov si zachová stav pri všetkých, čo každá alternatíva "
                    "mení oproti platným výkladom (stav, posledný deň na podanie, poplatky, dni bez platného "
                    "preukazu, návštevy), to isté podľa mesiaca skončenia platnosti a zmeny stavu."),
}
M = {  # placeholders of the option syntax (metavar) in --help and usage lines
    "address": ("ADDR", "ADRESA"), "column_value": ("COLUMN=VALUE", "STĹPEC=HODNOTA"),
    "command": ("COMMAND", "PRÍKAZ"), "expiry_application": ("EXPIRY:APPLICATION", "SKONČENIE:PODANIE"),
    "file": ("FILE", "SÚBOR"), "first_last": ("FIRST:LAST", "PRVÝ:POSLEDNÝ"), "freq": ("FREQ", "FREKVENCIA"),
    "list": ("LIST", "ZOZNAM"), "n": ("N", "N"), "name": ("NAME", "NÁZOV"),
    "name_value": ("NAME=VALUE", "NÁZOV=HODNOTA"), "name_or_file": ("NAME|FILE", "NÁZOV|SÚBOR"),
}
H.update({f"cli.help.metavar.{k}": {"en": en, "sk": sk} for k, (en, sk) in M.items()})
H.update({f"cli.help.arg.{k}": {"en": en, "sk": sk} for k, (en, sk) in A.items()})
H.update({f"cli.help.command.{k}": {"en": v[0], "sk": v[1]} for k, v in C.items()})
H.update({f"cli.help.command.{k}.description": {"en": v[2], "sk": v[3]} for k, v in C.items()})

L = {  # the lines of `explorer readings` and `explorer reforms`, one entry per line
    "cli.readings.reading": {"en": "{reading} (in force: {value})", "sk": "{reading} (platí: {value})"},
    "cli.readings.alternative": {"en": "- {value}", "sk": "- {value}"},
    "cli.readings.alternative_baseline": {"en": "- {value} (baseline)", "sk": "- {value} (východiskový výklad)"},
    "cli.readings.sentences": {"en": "The guidance: {sentences:quotes}", "sk": "Usmernenie: {sentences:quotes}"},
    "cli.readings.case": {"en": "Case: {case}", "sk": "Zdôvodnenie: {case}"},
    "cli.reforms.reform": {"en": "{title} (--reform {name}, file {file})",
                           "sk": "{title} („--reform {name}“, súbor „{file}“)"},
    "cli.reforms.reform_codes": {"en": "{name}  ({file})", "sk": "{name}  ({file})"},
    "cli.reforms.change": {"en": "{parameter}: {baseline} → {reform}", "sk": "{parameter}: {baseline} → {reform}"},
    "cli.reforms.change_codes": {"en": "{parameter}: {baseline} -> {reform}",
                                 "sk": "{parameter}: {baseline} -> {reform}"},
    "cli.reforms.change_codes_unit": {"en": "{parameter}: {baseline} -> {reform}  [{unit}]",
                                      "sk": "{parameter}: {baseline} -> {reform}  [{unit}]"},
}

if __name__ == "__main__":
    print(write_entries(L.items(), "interface", LOCALE_DIR))
    print(write_entries(E.items(), "interface", LOCALE_DIR))
    print(write_entries(H.items(), "interface", LOCALE_DIR))
