"""Build fixtures/partnerships.csv by matching PCT names to upper-tier council names.

Run from the project root: `python scripts/match_partnerships.py`. A PCT whose name, stripped of "PCT", "Teaching",
"Care Trust" and "City", names one council is matched to it; the PCTs whose names do not (merged or split areas) are
matched by the ALIASES below. Where a PCT covers several councils, its population is split evenly between them: those
shares are illustrative, not measured. A pair is coterminous when the PCT lies wholly in the council and no other PCT
serves that council.
"""

import csv
import re
from collections import Counter
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "fixtures"

# PCT ODS code -> council name stems, for names that do not match one council directly.
ALIASES = {
    "5HG": ["Wigan"],  # Ashton, Leigh and Wigan
    "5NQ": ["Rochdale"],  # Heywood, Middleton and Rochdale
    "5NM": ["Halton", "St Helens"],
    "5NP": ["Cheshire East"],  # Central and Eastern Cheshire
    "5NN": ["Cheshire West and Chester"],  # Western Cheshire
    "5NG": ["Lancashire"],
    "5NH": ["Lancashire"],
    "5NF": ["Lancashire"],
    "5LH": ["Tameside", "Derbyshire"],  # Tameside and Glossop
    "5NY": ["Bradford"],  # Bradford and Airedale
    "5NX": ["Kingston upon Hull"],
    "5NV": ["North Yorkshire", "York"],
    "5ET": ["Nottinghamshire"],  # Bassetlaw
    "5PA": ["Leicestershire", "Rutland"],
    "5PD": ["Northamptonshire"],  # Northamptonshire Teaching PCT, named Northampton in the list
    "5PG": ["Birmingham"],
    "5MX": ["Birmingham"],
    "5M1": ["Birmingham"],
    "5PH": ["Staffordshire"],
    "5PK": ["Staffordshire"],
    "5CN": ["County of Herefordshire"],
    "5P2": ["Bedford", "Central Bedfordshire"],
    "5PR": ["Norfolk", "Suffolk"],  # Great Yarmouth and Waveney
    "5PX": ["Essex"],
    "5PW": ["Essex"],
    "5P1": ["Southend-on-Sea", "Essex"],
    "5PY": ["Thurrock", "Essex"],
    "5PV": ["Essex"],
    "5C3": ["Hackney"],  # City and Hackney (the City of London is not a social care council here)
    "5M6": ["Richmond upon Thames"],
    "5M7": ["Sutton", "Merton"],
    "5A5": ["Kingston upon Thames"],
    "5LC": ["City of Westminster"],
    "5D7": ["Newcastle upon Tyne"],
    "5P7": ["East Sussex"],
    "5P8": ["East Sussex"],
    "5QA": ["Kent"],
    "5P9": ["Kent"],
    "5QG": ["Bracknell Forest", "Slough", "Windsor and Maidenhead"],
    "5QF": ["Reading", "West Berkshire", "Wokingham"],
    "5QN": ["Bournemouth", "Poole"],
    "5QP": ["Cornwall"],
}


def stem(name: str) -> str:
    """A name without its organisation type, '&' spelled 'and', lower case."""
    name = name.replace("&", "and").replace(".", "").replace("-", " ")
    name = re.sub(r"\b(PCT|Teaching|Care Trust Plus|Care Trust|City|County|District|CC|UA|MCD|LB|Council)\b", "", name)
    return " ".join(name.split()).lower()


def main() -> None:
    with open(FOLDER / "organisations" / "pcts.csv", newline="", encoding="utf-8") as fh:
        pcts = list(csv.DictReader(fh))
    with open(FOLDER / "organisations" / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        councils = {stem(r["name"]): r["ons_code"] for r in csv.DictReader(fh) if r["social_care"] == "yes"}
    pairs = []
    for pct in pcts:
        names = ALIASES.get(pct["ods_code"]) or [pct["name"]]
        codes = [councils[stem(name)] for name in names]
        shares = [round(100 / len(codes), 1)] * len(codes)
        shares[0] = round(100 - sum(shares[1:]), 1)  # the shares of one PCT add up to 100
        pairs += [(pct["ods_code"], code, share) for code, share in zip(codes, shares, strict=True)]
    served = Counter(code for _, code, _ in pairs)
    with open(FOLDER / "partnerships.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["pct_ods_code", "council_ons_code", "population_share", "coterminous"])
        for pct, code, share in pairs:
            coterminous = "yes" if share == 100 and served[code] == 1 else "no"
            writer.writerow([pct, code, f"{share:g}", coterminous])
    print(f"{len(pairs)} partnerships, {sum(1 for p in pairs if p[2] == 100 and served[p[1]] == 1)} coterminous")


if __name__ == "__main__":
    main()
