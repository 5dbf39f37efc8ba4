"""Writers commit while a teacher pages through the feed: nothing is skipped or split.

The danger is a transaction that took a lower sequence number committing
after a reader has moved its cursor past it. server.db.allocate_seq makes
commit order follow sequence order and the feed reads one snapshot; this
test writes from several threads (on PostgreSQL truly concurrently) while a
reader pulls small pages, and checks that every row in scope arrived, whole
transaction by whole transaction.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict

from sqlalchemy import insert

from server.db import allocate_seq, make_engine, write_transaction
from server.tables import synced
from tests.support.server_fixtures import ServerFactory

WRITERS = 4
TRANSACTIONS_PER_WRITER = 40


def test_no_row_is_skipped_while_writers_commit(server_factory: ServerFactory) -> None:
    server = server_factory()
    school = server.school
    token = server.token("anna")
    _, cursor = server.pull_all(token)
    note = synced["pupil_note"]
    #: seq -> ids Anna must see from that transaction (possibly none).
    expected: dict[int, set[str]] = {}
    foreign: set[str] = set()
    lock = threading.Lock()
    errors: list[BaseException] = []

    def write(writer: int) -> None:
        engine = make_engine(server.database_url)
        try:
            for number in range(TRANSACTIONS_PER_WRITER):
                mine: set[str] = set()
                theirs: set[str] = set()
                with write_transaction(engine) as conn:
                    seq = allocate_seq(conn)
                    # Row by row, so each transaction stays open a while and
                    # transactions overlap; every third one is outside scope.
                    for row in range(1 + (writer + number) % 4):
                        in_scope = (number + row) % 3 != 0
                        row_id = uuid.uuid4()
                        conn.execute(
                            insert(note).values(
                                id=row_id,
                                seq=seq,
                                deleted=False,
                                needs_review=False,
                                pupil_id=school["pupil:alva" if in_scope else "pupil:cleo"],
                                activity_id=school[
                                    "activity:ma7a" if in_scope else "activity:ma9c"
                                ],
                                category="observation",
                                body=f"writer {writer} transaction {number} row {row}",
                            )
                        )
                        (mine if in_scope else theirs).add(str(row_id))
                with lock:
                    expected[seq] = mine
                    foreign.update(theirs)
        except BaseException as exc:
            errors.append(exc)
            raise
        finally:
            engine.dispose()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    pages = []
    while any(thread.is_alive() for thread in threads):
        page = server.changes(token, cursor, limit=3)
        pages.append(page)
        cursor = page["cursor"]
    for thread in threads:
        thread.join()
    assert not errors
    more, _ = server.pull_all(token, cursor, limit=3)
    pages.extend(more)

    seen: dict[int, set[str]] = defaultdict(set)
    page_of_seq: dict[int, set[int]] = defaultdict(set)
    last_seq = 0
    for index, page in enumerate(pages):
        seqs = [record["seq"] for record in page["changes"]]
        if seqs:
            assert min(seqs) > last_seq, "the feed went back in time"
            last_seq = max(seqs)
        for record in page["changes"]:
            seen[record["seq"]].add(record["id"])
            page_of_seq[record["seq"]].add(index)
    assert len(pages) > WRITERS, "the reader should have paged while writers ran"
    assert {seq: ids for seq, ids in expected.items() if ids} == dict(seen)
    assert all(len(indexes) == 1 for indexes in page_of_seq.values())
    assert not foreign & {row_id for ids in seen.values() for row_id in ids}
