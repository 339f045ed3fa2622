"""Column names of the identifiers and dates that supplier and spend files carry: VAT
registration numbers, company registration numbers, the supplier's own id in the payer's
ledger, and the payment date. Compared as :mod:`countersight.inputs.aliases` compares them.

A bare "VAT" column is not among them: in spend files it usually holds the VAT *amount*.
Nor is "Registration number", which as often holds a vehicle's.
"""

from __future__ import annotations

SPEND_FIELDS = ("vat", "company_number", "supplier_id", "date")

SPEND_ALIASES: dict[str, tuple[str, ...]] = {
    "vat": (
        "vatno",
        "vatnumber",
        "vatregno",
        "vatregnumber",
        "vatregistrationno",
        "vatregistrationnumber",
        "vatregistration",
        "vatid",
        "vatcode",
        "suppliervat",
        "suppliervatno",
        "suppliervatnumber",
        "suppliervatregno",
        "suppliervatregistrationnumber",
        "vendorvatnumber",
        "ustidnr",
        "ustid",
        "umsatzsteueridnummer",
        "numerodetva",
        "numerotva",
        "btwnummer",
    ),
    "company_number": (
        "companynumber",
        "companyno",
        "companyregno",
        "companyregnumber",
        "companyregistrationno",
        "companyregistrationnumber",
        "companieshousenumber",
        "companieshouseno",
        "registeredcompanynumber",
        "suppliercompanynumber",
        "suppliercompanyregno",
        "suppliercompanyregistrationnumber",
        "crn",
    ),
    "supplier_id": (
        "supplierid",
        "suppliercode",
        "supplierno",
        "suppliernumber",
        "supplierref",
        "supplierreference",
        "vendorid",
        "vendorcode",
        "vendorno",
        "vendornumber",
        "creditorid",
        "creditorno",
        "creditornumber",
        "creditorcode",
        "lieferantennummer",
    ),
    "date": (
        "date",
        "paiddate",
        "datepaid",
        "paymentdate",
        "dateofpayment",
        "transactiondate",
        "invoicedate",
        "postingdate",
        "effectivedate",
        "datum",
        "zahlungsdatum",
        "buchungsdatum",
        "fecha",
        "datedepaiement",
        "日期",
        "支付日期",
        "日付",
    ),
}

__all__ = ["SPEND_ALIASES", "SPEND_FIELDS"]
