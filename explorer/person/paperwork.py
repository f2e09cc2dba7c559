"""One person's paperwork: the document checklist, where a BOK can be activated, both in words."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..core.days import day_argument
from ..core.engine import default_parameters
from ..core.inputs import OPTIONS
from ..core.parameters import Parameters
from ..core.phrases import choice_of, phrase
from ..core.rules import bok
from ..core.rules.documents import accommodation_required
from ..errors import ExplorerError
from .bok_words import bok_sentence, card_story
from .checklist import checklist

__all__ = ["bok_activation_places", "bok_sentence", "card_story", "documents"]


def documents(expedited: bool = False, delivery: bool = False, address_changed: bool = False,
              accommodation_submitted_before: bool = True, application_date: Any = None,
              params: Parameters | None = None, booked_online: bool = True, option: str = "b",
              lang: str = "en") -> pd.DataFrame:
    """The documents one person brings to each application: document, required, why, note, source.

    Fee stamps are listed when the application's fees (as in force on `application_date`,
    default: the latest values) are above 0; the document on accommodation when the address
    changed or none was given with the first card.  Which application form is required follows
    `booked_online` under the application_form_reading in force in `params`.  Option a applies
    twice, so items needed per application say how many.  Texts in `lang` ("en" or "sk")."""
    params = params if params is not None else default_parameters()
    for name, value in (("expedited", expedited), ("delivery", delivery),
                        ("address_changed", address_changed),
                        ("accommodation_submitted_before", accommodation_submitted_before),
                        ("booked_online", booked_online)):
        if not isinstance(value, bool):
            raise ExplorerError(name, value, phrase("allowed.true_or_false", "True or False"))
    if option not in OPTIONS:
        raise ExplorerError("option", option, choice_of(OPTIONS))
    day = None if application_date is None else day_argument(application_date, "application_date")
    cents = params["fee_card"].value_at(day)
    cents += params["fee_expedited"].value_at(day) if expedited else 0
    cents += params["fee_delivery"].value_at(day) if delivery else 0
    readings = {name: params.reading(name) for name in params.readings}
    required = bool(accommodation_required(np.bool_(address_changed),
                                           np.bool_(accommodation_submitted_before)))
    return checklist(cents > 0, required, readings,
                     booked_online, applications=2 if option == "a" else 1, lang=lang)


def bok_activation_places(on_date: Any, params: Parameters | None = None) -> list[str]:
    """Kinds of office where a personal security code (BOK) can be activated on a day."""
    params = params if params is not None else default_parameters()
    return bok.venues_on(day_argument(on_date, "on_date"), params)
