"""Synthetic carer experience answers, column at a time (a million rows take seconds, not minutes)."""

from __future__ import annotations

import numpy as np
import pandas as pd

# (codes, probabilities), roughly England's distributions around 2012-13
QOL = (["1", "2", "3"], [0.42, 0.46, 0.12])
SINGLE = {
    "SATISFIED": (list("12345678"), [0.12, 0.22, 0.27, 0.12, 0.08, 0.05, 0.04, 0.10]),
    "CONSULTED": (list("12345"), [0.36, 0.28, 0.14, 0.08, 0.14]),
    "INFOEASY": (list("12345"), [0.20, 0.38, 0.18, 0.09, 0.15]),
    "BREAK12": (["Y", "N"], [0.55, 0.45]),
    "REPLACECARE": (list("1234"), [0.25, 0.35, 0.30, 0.10]),
    "PERSBUDGET": (["Y", "N", "DK"], [0.25, 0.60, 0.15]),
    "ASSESSOFFER": (["Y", "N", "DK"], [0.45, 0.40, 0.15]),
    "HOURS": (list("1234567"), [0.12, 0.12, 0.12, 0.10, 0.14, 0.30, 0.10]),
    "RELATION": (list("123456"), [0.30, 0.38, 0.18, 0.07, 0.04, 0.03]),
    "AGEBAND": (list("123456789"), [0.02, 0.02, 0.05, 0.10, 0.19, 0.24, 0.21, 0.13, 0.04]),
    "SEX": (["F", "M", "X", "P"], [0.68, 0.30, 0.01, 0.01]),
    "ETHNIC": (["W", "M", "A", "B", "O", "P"], [0.86, 0.02, 0.06, 0.03, 0.01, 0.02]),
    "OWNHEALTH": (list("12345"), [0.15, 0.35, 0.32, 0.13, 0.05]),
    "WORK": (list("12345"), [0.14, 0.14, 0.17, 0.43, 0.12]),
}
CONDITIONS = {
    "PHY": 0.5,
    "SEN": 0.2,
    "MH": 0.15,
    "LD": 0.12,
    "DEM": 0.25,
    "LTC": 0.45,
    "SUB": 0.03,
    "TERM": 0.05,
    "OTH": 0.08,
}
COMMENTS = (
    "A proper break once a month would make all the difference.",
    "More money for respite; the sitting service ran out in January.",
    "Clear information about what I am entitled to, in one place.",
    "A GP who asks how I am, not just how my husband is.",
    "Being able to keep my job: flexible hours from my employer.",
    "Someone to talk to when it gets too much. My sleep is terrible.",
    "Support for my daughter, who helps me care for her dad and is only 14.",
    "My social worker Margaret Jones was wonderful; call her on 01632 960123.",
    "Carer's Allowance is not enough to live on; we are in debt.",
    "Please reply to my emails at carer.demo@example.com about the voucher scheme.",
    "Respite vouchers that can be used at weekends.",
    "My NHS number is 943 476 5919 and nobody has assessed me in two years.",
    "Write to me at 1 Demo Street, AB1 2CD; nobody has ever asked me before.",
)
SKIP = 0.03  # share of carers who leave any one question blank


def _pick(rng: np.random.Generator, n: int, codes: list[str], p: list[float]) -> np.ndarray:
    answers = np.asarray(codes, dtype=object)[rng.choice(len(codes), size=n, p=p)]
    answers[rng.random(n) < SKIP] = ""
    return answers


def carer_answers(rng: np.random.Generator, n: int, councils: list[str], *, start: int, seed: int) -> pd.DataFrame:
    """n plausible carers, referenced DEMO-<seed>-<number> so a re-run lands nothing new."""
    columns: dict[str, np.ndarray] = {
        "REF": np.array([f"DEMO-{seed}-{i}" for i in range(start, start + n)], dtype=object),
    }
    strain = rng.random(n)  # carers under more strain answer worse across the board
    for item in ("QOLTIME", "QOLCONTROL", "QOLSELFCARE", "QOLSAFETY", "QOLSOCIAL", "QOLSUPPORT"):
        shift = np.where(strain > 0.7, 0.25, 0.0)
        draw = rng.random(n) + shift
        answers = np.where(draw < QOL[1][0], "1", np.where(draw < QOL[1][0] + QOL[1][1], "2", "3")).astype(object)
        answers[rng.random(n) < SKIP] = ""
        columns[item] = answers
    for code, (codes, p) in SINGLE.items():
        columns[code] = _pick(rng, n, codes, p)
    columns["BUDGETLIMITS"] = np.where(
        columns["PERSBUDGET"] == "Y", _pick(rng, n, ["1", "2", "3"], [0.6, 0.3, 0.1]), ""
    )
    done = np.where(rng.random(n) < 0.8, "Y", "N")
    columns["ASSESSDONE"] = np.where(columns["ASSESSOFFER"] == "Y", done, "")
    days = np.maximum(1, rng.gamma(2.2, 16, size=n)).astype(int).astype(str)
    columns["ASSESSDAYS"] = np.where(columns["ASSESSDONE"] == "Y", days, "")
    for option, share in CONDITIONS.items():
        columns[f"CONDITIONS[{option}]"] = np.where(rng.random(n) < share, "Y", "")
    columns["AREA"] = np.asarray(councils, dtype=object)[rng.integers(0, len(councils), size=n)]
    comment = np.asarray(COMMENTS, dtype=object)[rng.integers(0, len(COMMENTS), size=n)]
    columns["DIFFERENCE"] = np.where(rng.random(n) < 0.3, comment, "")
    return pd.DataFrame(columns, dtype="string")
