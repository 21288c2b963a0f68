"""Storage of dossiers: the ``Opslag`` port, the hash-chained ``Archief``, SQLite and PostgreSQL."""
