"""Precision of glossary matching on ordinary news: everyday phrases are never enforced as legal terms.

`glossary check` says nothing about false positives, so this corpus does: each sentence, alone in its
article (no immigration topic to confirm anything), must give no enforced glossary hit. Every
sentence of the twin list uses the legal sense and must give an enforced hit of its concept.
The sentences are written for this project; a practitioner's review found most of these phrasings.
"""

from __future__ import annotations

import pytest

from translit.document import Document
from translit.pipeline import Options, run

ORDINARY = [
    ("en", "Russia detained a US national on spying charges."),
    ("en", "The legal status of the occupied territories remains disputed."),
    ("en", "The EU imposed a travel ban on Russian officials."),
    ("en", "She bought a tourist visa to China for her trip."),
    ("en", "He won the K-1 World Grand Prix in Tokyo."),
    ("en", "He is a permanent resident of Monaco."),
    ("en", "The company set a one-year deadline to comply with the rules."),
    ("en", "The bishop denounced the persecution of others."),
    ("en", "INS Vikrant sailed into the harbour."),
    ("en", "RFE/RL reported the arrest."),
    ("en", "The Bureau of Indian Affairs (BIA) funds tribal schools."),
    ("en", "He suffered an AMI and was taken to hospital."),
    ("en", "A CFI trains student pilots at the airfield."),
    ("en", "The teacher gave him an after-school detention."),
    ("en", "Government bonds rallied as investors looked for safety."),
    ("en", "Police appeal to witnesses to come forward."),
    ("en", "The burglar made an unlawful entry into the apartment."),
    ("en", "Factory processing time fell by a third."),
    ("ru", "Постоянные жители Крыма получили новые паспорта."),
    ("ru", "Он получил разрешение на работу в Москве."),
    ("ru", "Конституция гарантирует право на работу."),
    ("ru", "Граждане России могут оформить безвизовый въезд в Грузию."),
    ("ru", "Аналитики говорят об обоснованном страхе перед рецессией."),
    ("ru", "Суд назначил ему годичный срок лишения свободы."),
    ("ru", "Пароль нужен, чтобы войти в личный кабинет."),
    ("ru", "Работники приюта для животных просят о помощи."),
    ("ru", "Полиция известила о трагедии ближайших родственников погибшего."),
    ("ru", "Его выдворили за пределы Российской Федерации по решению суда по КоАП."),
    ("ru", "Он получил вид на жительство в Сербии."),
    ("ru", "Фирма получила освобождение от пошлины на ввоз оборудования."),
]

LEGAL = [
    ("en", "USCIS approved his work permit application on Form I-765.", "ead"),
    ("en", "An immigration judge set a bond of $5,000 for the detained asylum seeker.", "bond"),
    ("en", "She must file for asylum within the one-year filing deadline after her arrival.",
     "one-year-filing-deadline"),
    ("en", "He passed his credible fear interview with an asylum officer.", "credible-fear-interview"),
    ("ru", "Уголовное дело против него — это политическое преследование, и он просит убежища в США.",
     "persecution"),
    ("ru", "Иммиграционный судья отказал в убежище, и адвокат подал апелляцию.", "appeal"),
]


def enforced_hits(lang: str, sentence: str) -> list[str]:
    result = run(Document.from_text(sentence), Options(source_lang=lang, target_lang=None, summary_sentences=None))
    return [u.hit.concept_id for p in result.pairs for u in p.terms if u.hit.enforced]


@pytest.mark.parametrize(("lang", "sentence"), ORDINARY)
def test_an_everyday_sentence_gives_no_enforced_term(lang, sentence):
    assert enforced_hits(lang, sentence) == []


@pytest.mark.parametrize(("lang", "sentence", "concept"), LEGAL)
def test_the_legal_sense_is_still_enforced(lang, sentence, concept):
    assert concept in enforced_hits(lang, sentence)
