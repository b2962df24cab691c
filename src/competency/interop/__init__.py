"""Interoperability: the framework as spreadsheets, 1EdTech CASE 1.1 and one JSON document.

- `framework_xlsx` and `framework_csv` write the framework as a workbook or
  as the long table (`competency.interop.table`), and `import_table` reads
  the long table back into a framework folder;
- `case_package` builds a CASE 1.1 CFPackage, checked against the schema
  in ``case-1.1.schema.json`` before it is returned;
- `import_case` reads a CASE 1.1 package (ours round-trips through the
  competency extensions; another tool's is mapped by its structure);
- `framework_document` resolves the whole framework into one JSON document
  (`competency.resolved`);
- `EXPORTS` is the table of export formats (`competency.interop.exports`),
  which ``competency export --format`` offers, and `export` writes one.

Pure apart from `import_table` and `import_case`, which write the folder it is given.
openpyxl is imported only by the functions that read or write workbooks.
"""

from __future__ import annotations

from competency.interop.case import CaseOptions, CasePackageError, case_json, case_package
from competency.interop.caseimport import case_documents, import_case, is_case_package
from competency.interop.document import document_json, framework_document
from competency.interop.exports import EXPORTS, ExportFormat, ExportOptions, export
from competency.interop.importer import ImportResult, import_table, table_documents
from competency.interop.reader import Table, read_table
from competency.interop.spreadsheet import MissingDependencyError, framework_csv, framework_xlsx
from competency.interop.table import COLUMNS, Row, long_table

__all__ = [
    "COLUMNS",
    "EXPORTS",
    "CaseOptions",
    "CasePackageError",
    "ExportFormat",
    "ExportOptions",
    "ImportResult",
    "MissingDependencyError",
    "Row",
    "Table",
    "case_documents",
    "case_json",
    "case_package",
    "document_json",
    "export",
    "framework_csv",
    "framework_document",
    "framework_xlsx",
    "import_case",
    "import_table",
    "is_case_package",
    "long_table",
    "read_table",
    "table_documents",
]
