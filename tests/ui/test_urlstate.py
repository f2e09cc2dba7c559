"""Links to a view: the pure codec (no widgets), and the dashboard's registry restoring a view exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.ui.urlstate import DATE, FLAG, INTEGER, NUMBER, ViewState, choice, decode, encode


class Box:
    """A stand-in control: a value and observers, nothing else."""

    def __init__(self, value):
        self.value = value
        self.callbacks = []

    def observe(self, callback, names):
        self.callbacks.append(callback)

    def change(self, value):
        self.value = value
        for callback in self.callbacks:
            callback({"new": value})


def test_encode_keeps_only_values_that_differ_from_the_defaults_in_key_order():
    values = {"granularity": "week", "path": "both", "person": None, "from": "2020-01-01"}
    assert encode(values, {"granularity": "month", "path": "both", "from": "2019-01-01"}) == \
        "granularity=week&from=2020-01-01"


def test_decode_names_unknown_keys_and_bad_values_with_the_default_used():
    codecs = {"granularity": choice(("day", "week", "month")), "lead_days": INTEGER, "from": DATE}
    values, messages = decode("?granularity=year&lead_days=3&from=2020-02-30&bogus=1&template=lab", codecs,
                              {"granularity": "month", "from": "2020-01-01"})
    assert values == {"lead_days": 3}
    assert messages == [
        "Link parameter “granularity=year” is not one of day, week, month: using the default, “month”.",
        "Link parameter “from=2020-02-30” is not a date YYYY-MM-DD: using the default, “2020-01-01”.",
        "Link parameter “bogus” is unknown: ignored.",
    ]


@pytest.mark.parametrize(("codec", "value"), [(DATE, dt.date(2021, 6, 30)), (FLAG, True), (FLAG, False),
                                              (INTEGER, -3), (NUMBER, 2.5), (choice(("a", "b")), "b")])
def test_every_codec_reads_back_what_it_writes(codec, value):
    assert codec.parse(codec.show(value)) == value


def test_number_refuses_nan_and_infinity():
    for text in ("nan", "inf", "-inf"):
        with pytest.raises(ValueError):
            NUMBER.parse(text)


def test_a_registry_writes_changes_and_restores_them_in_registration_order():
    order = []
    path, lang = Box("both"), Box("en")
    state = ViewState()
    state.add_value("path", path, choice(("a", "b", "both")))
    state.add("lang", lambda: lang.value, lambda v: (order.append("lang"), setattr(lang, "value", v)),
              choice(("en", "sk")), watch=[(lang, "value")])
    state.freeze_defaults()
    seen = []
    state.observe(lambda: seen.append(state.query()))
    lang.change("sk")
    assert seen == ["lang=sk"]
    path.value, lang.value = "both", "en"
    assert state.apply("lang=sk&path=b") == []
    assert (path.value, lang.value, order) == ("b", "sk", ["lang"])


def test_a_setter_that_refuses_a_value_gives_a_message_not_an_exception():
    def refuse(_value):
        raise ValueError("out of range")

    state = ViewState()
    state.add("lead_days", lambda: 0, refuse, INTEGER)
    state.freeze_defaults()
    assert state.apply("lead_days=99") == [
        "Link parameter “lead_days=99” is not a whole number (out of range): using the default, “0”."]


def test_reserved_voila_keys_cannot_be_registered():
    with pytest.raises(ValueError):
        ViewState().add_value("template", Box("x"), choice(("x",)))


@pytest.mark.parametrize(("word", "flag"), [("yes", True), ("T", True), ("1.0", True), ("y", True),
                                            ("No", False), ("f", False), ("0.0", False), ("n", False)])
def test_a_flag_word_reads_the_same_in_a_link_a_file_cell_and_the_command_line(params, word, flag):
    from explorer.core.columns import FLAG_WORDS
    from explorer.core.inputs import check_value
    from explorer.interfaces.cli import parse_list

    assert FLAG.parse(word) is flag
    assert check_value("expedited", word, params) is flag
    assert parse_list("--expedited", word, FLAG_WORDS, "no, yes") == (flag,)
