"""Codes the code base names: plain constants, importable from pure modules (no Django)."""

ENGLAND_CODE = "E92000001"  # ONS code of England: DH's organisation, and the scope of national figures
