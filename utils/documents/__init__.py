"""Documents: the PDF and DOCX building blocks and the documents built from them.

- ``pdf``: fonts, ``clean``, ``fmt_date``/``fmt_num``, the ``Doc`` class (headers, footers,
  tables, image reuse) and the attestation block: the public API both the report and the
  letters use;
- ``charts``: matplotlib building blocks for the printed figures;
- ``summary``, ``blocks``, ``sections``: the doctor summary (``build_report``);
- ``letter_text``, ``letter_parts``, ``letters``: the letter drafts as plain text;
- ``docx``, ``letter_pdf``: a letter's text as a DOCX or a PDF file.

A condition contributes through its parts ``utils/conditions/<key>/report.py``, ``letters.py``
and ``pdf_charts.py``, found through the registry at run time; no module here names a
condition, and none reads the store: renderers take the ``Evidence`` object.
"""
