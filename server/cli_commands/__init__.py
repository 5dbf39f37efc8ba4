"""One module per `klassbok-server` command group; each has `register(subparsers)`.

database: init-db / migrate; serve; users: create-user and friends;
import_csv: import-csv; import_curriculum: import-curriculum; seed_demo:
seed-demo; absences: report-absence, list-notices, send-notices; backup:
backup, restore; terms: lock-term, unlock-term; api_clients:
create-api-client, list-api-clients, revoke-api-client; ss12000:
ss12000-sync, ss12000-import.
"""

COMMAND_MODULES: tuple[str, ...] = (
    "database",
    "serve",
    "users",
    "import_csv",
    "import_curriculum",
    "seed_demo",
    "absences",
    "backup",
    "terms",
    "api_clients",
    "ss12000",
)
