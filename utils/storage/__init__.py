"""Storage: the store (``Store``), the tables (``schema``) and their Alembic migrations.

Modules: ``store`` (the ``Store`` class, combining the operation mixins of ``core``,
``profiles``, ``entries`` and ``backups``), ``engine`` (database URL, engine, SQLite pragmas,
``migrate``), ``rows`` (``Profile``, ``StoredEntry``, ``HistoryItem``), ``errors``
(``StoreError``, ``StaleEntryError``), ``checks`` (owners, settings, ids), ``schema`` (tables)
and ``migrations/`` (Alembic). ``utils.store`` re-exports the public names.
"""
