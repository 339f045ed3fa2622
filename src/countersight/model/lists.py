"""The lists Countersight knows, with their publisher and what a listing means.

List ids are stable: stored memberships, decisions and API clients refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass

REGISTRY_DATASET = "registry"
"""The dataset name of Countersight's own surveillance-vendor registry."""


@dataclass(frozen=True, slots=True)
class ListInfo:
    """One official list or research finding set."""

    id: str
    title: str
    short: str
    authority: str
    topics: tuple[str, ...]
    kind: str  # sanction | investment-ban | export-control | procurement-ban | research | ...


LISTS: dict[str, ListInfo] = {
    info.id: info
    for info in (
        ListInfo(
            "us_ofac_sdn",
            "OFAC Specially Designated Nationals List",
            "OFAC SDN",
            "US Treasury OFAC",
            ("sanction",),
            "sanction",
        ),
        ListInfo(
            "us_ofac_nonsdn",
            "OFAC Consolidated (non-SDN) Sanctions List",
            "OFAC non-SDN",
            "US Treasury OFAC",
            ("sanction",),
            "sanction",
        ),
        ListInfo(
            "us_ofac_ns_cmic",
            "OFAC Non-SDN Chinese Military-Industrial Complex "
            "Companies List (E.O. 13959 as amended by E.O. 14032)",
            "OFAC NS-CMIC",
            "US Treasury OFAC",
            ("sanction",),
            "investment-ban",
        ),
        ListInfo(
            "us_bis_el",
            "BIS Entity List (EAR Supplement No. 4 to Part 744)",
            "BIS Entity List",
            "US Commerce BIS",
            ("export.control",),
            "export-control",
        ),
        ListInfo(
            "us_bis_meu",
            "BIS Military End-User List",
            "BIS MEU",
            "US Commerce BIS",
            ("export.control",),
            "export-control",
        ),
        ListInfo(
            "us_bis_uvl",
            "BIS Unverified List",
            "BIS UVL",
            "US Commerce BIS",
            ("export.control",),
            "export-control",
        ),
        ListInfo(
            "us_bis_dpl",
            "BIS Denied Persons List",
            "BIS DPL",
            "US Commerce BIS",
            ("export.control",),
            "export-control",
        ),
        ListInfo(
            "us_state_isn",
            "State Department Nonproliferation Sanctions",
            "State ISN",
            "US State Department",
            ("sanction",),
            "sanction",
        ),
        ListInfo(
            "us_state_dtc",
            "State Department ITAR Debarred Parties",
            "State DDTC",
            "US State Department",
            ("debarment",),
            "debarment",
        ),
        ListInfo(
            "us_trade_csl",
            "US Consolidated Screening List (other source list)",
            "CSL",
            "US Commerce ITA",
            ("sanction",),
            "sanction",
        ),
        ListInfo(
            "us_dod_1260h",
            "DoD Section 1260H Chinese Military Companies List",
            "DoD 1260H",
            "US Department of Defense",
            ("mil",),
            "procurement-ban",
        ),
        ListInfo(
            "us_ndaa_889",
            "FY2019 NDAA Section 889 covered telecommunications and video surveillance equipment",
            "NDAA §889",
            "US Congress",
            ("debarment",),
            "procurement-ban",
        ),
        ListInfo(
            "us_fcc_covered",
            "FCC Covered List (Secure and Trusted Communications Networks Act, Section 2)",
            "FCC Covered List",
            "US Federal Communications Commission",
            ("debarment",),
            "procurement-ban",
        ),
        ListInfo(
            "un_sc",
            "UN Security Council Consolidated List",
            "UN SC",
            "UN Security Council",
            ("sanction",),
            "sanction",
        ),
        ListInfo(
            "eu_fsf",
            "EU Financial Sanctions (consolidated list)",
            "EU FSF",
            "European Union",
            ("sanction",),
            "sanction",
        ),
        ListInfo(
            "uk_hmt",
            "UK Consolidated List of Financial Sanctions Targets",
            "UK HMT",
            "UK HM Treasury",
            ("sanction",),
            "sanction",
        ),
        ListInfo(
            "uk_sanctions_list",
            "UK Sanctions List",
            "UK Sanctions List",
            "UK Foreign, Commonwealth and Development Office",
            ("sanction",),
            "sanction",
        ),
        ListInfo(
            "index_exclusion",
            "Index provider deletion after US sanctions",
            "Index deletion",
            "Index providers",
            ("sanction.linked",),
            "index-exclusion",
        ),
        ListInfo(
            "investor_exclusion",
            "Institutional investor exclusion",
            "Investor exclusion",
            "Investors",
            ("reg.action",),
            "investor-exclusion",
        ),
    )
}


def list_info(list_id: str) -> ListInfo:
    """Known list, or a generic entry for a list id we have no description of."""
    found = LISTS.get(list_id)
    if found is not None:
        return found
    return ListInfo(list_id, list_id, list_id, "unknown", (), "other")


def list_label(list_id: str, program: str | None = None) -> str:
    """Short label for summaries: ``OFAC NS-CMIC``, ``BIS Entity List``..."""
    return list_info(list_id).short
