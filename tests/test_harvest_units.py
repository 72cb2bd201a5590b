"""The pieces of `xjmsw harvest` one at a time: archive repair and state reconciliation, the lock, Retry-After,
trap guards, the fault plan of the test server."""

from __future__ import annotations

import json
import sqlite3
import time
from email.utils import formatdate

import pytest

from xjmsw_crawler.harvest.lock import DataDirLock, Locked
from xjmsw_crawler.harvest.resilience import retry_after_seconds
from xjmsw_crawler.harvest.state import StateStore, repair_jsonl
from xjmsw_crawler.mirror import Faults
from xjmsw_crawler.parsers.normalize import article_id, url_key
from xjmsw_crawler.site import looks_like_trap


def record(n: int, version: int = 1, body: str = "正文") -> dict:
    url = f"http://127.0.0.1:8000/a/{n}.html"
    return {"id": article_id(url), "url": url, "sha256": f"{n:064x}"[-64:] if body == "正文" else "f" * 64,
            "version": version, "published": "2017-06-20", "fetched_at": "2026-11-30T00:00:00Z", "body": body}


def write(path, records, tail: bytes = b""):
    with path.open("wb") as f:
        for r in records:
            f.write((json.dumps(r, ensure_ascii=False) + "\n").encode())
        f.write(tail)


# -- the archive and the state -----------------------------------------------------------------------------


def test_repair_cuts_a_torn_last_line_only(tmp_path):
    path = tmp_path / "articles.jsonl"
    write(path, [record(1), record(2)], tail=b'{"id": "abc", "url": "http://x/')
    whole = path.read_bytes()[: -len(b'{"id": "abc", "url": "http://x/')]
    assert repair_jsonl(path) == len(b'{"id": "abc", "url": "http://x/')
    assert path.read_bytes() == whole
    assert repair_jsonl(path) == 0
    # A last line that ends in a newline but is garbage (a power loss) goes too; earlier lines never do.
    write(path, [record(1)], tail=b"\x00\x00\x00\n")
    assert repair_jsonl(path) == 4
    assert [json.loads(line)["url"] for line in path.read_text().splitlines()] == [record(1)["url"]]
    write(path, [], tail=b'{"torn')
    assert repair_jsonl(path) == 6 and path.read_bytes() == b""


def test_reconcile_replays_records_the_state_missed_and_rebuilds_a_lost_state(tmp_path):
    jsonl = tmp_path / "articles.jsonl"
    state = StateStore(tmp_path / "state.sqlite")
    write(jsonl, [record(1), record(2)])
    assert state.reconcile(jsonl)["rebuilt"]  # a state that never saw this archive
    assert {k: v.version for k, v in state.known_articles().items()} == {"/a/1.html": 1, "/a/2.html": 1}

    # Two records written by a run killed before their state rows: replayed from the committed size on.
    with jsonl.open("ab") as f:
        f.write((json.dumps(record(3)) + "\n").encode())
        f.write((json.dumps(record(1, version=2, body="新正文")) + "\n").encode())
    done = state.reconcile(jsonl)
    assert done == {"torn_bytes": 0, "replayed": 2, "rebuilt": False}
    known = state.known_articles()
    assert known["/a/1.html"].version == 2 and known["/a/1.html"].sha256 == "f" * 64
    assert state.reconcile(jsonl) == {"torn_bytes": 0, "replayed": 0, "rebuilt": False}

    # An archive smaller than the state remembers (restored from a backup): rebuilt, JSONL is the truth.
    write(jsonl, [record(1)])
    assert state.reconcile(jsonl)["rebuilt"]
    known = state.known_articles()
    assert known["/a/1.html"].version == 1 and not known["/a/2.html"].archived and not known["/a/3.html"].archived
    state.close()


def test_record_and_state_commit_with_the_archive_size_and_the_queued_frontier(tmp_path):
    state = StateStore(tmp_path / "state.sqlite")
    state.queue_frontier("http://127.0.0.1:8000/a/9.html", 10, "2017-06-20")
    r = record(1)
    state.record_archived(r, 1234, "run1", "archived")
    db = sqlite3.connect(tmp_path / "state.sqlite")
    assert db.execute("SELECT value FROM meta WHERE key='jsonl_size'").fetchone() == ("1234",)
    assert db.execute("SELECT url_key, priority, listing_date FROM frontier").fetchall() == [("/a/9.html", 10, "2017-06-20")]
    assert db.execute("SELECT journal_mode FROM pragma_journal_mode").fetchone() == ("wal",)
    state.remove_frontier(["/a/9.html"])
    assert state.frontier() == []
    state.close()


def test_failures_open_until_resolved_and_come_back_from_failures_jsonl(tmp_path):
    state = StateStore(tmp_path / "state.sqlite")
    failure = {"url": "http://127.0.0.1:8000/x.html", "reason": "HTTP 500", "status": 500, "time": "2026-11-30T00:00:00Z"}
    state.record_failure(failure, "run1")
    state.record_failure(failure, "run2")
    [open_failure] = state.open_failures()
    assert open_failure["failures"] == 2 and open_failure["reason"] == "HTTP 500"
    state.resolve_failures([url_key(failure["url"])])
    assert state.open_failures() == []
    state.close()
    # state.sqlite lost: failures.jsonl gives the open failures back.
    (tmp_path / "failures.jsonl").write_text(json.dumps(failure) + "\n")
    fresh = StateStore(tmp_path / "fresh.sqlite")
    assert fresh.import_failures(tmp_path / "failures.jsonl") == 1
    assert [f["url"] for f in fresh.open_failures()] == [failure["url"]]
    fresh.close()


# -- the lock -------------------------------------------------------------------------------------------------


def test_lock_is_exclusive_says_who_holds_it_and_is_released(tmp_path):
    first = DataDirLock(tmp_path)
    first.acquire(started="2026-11-30T00:00:00Z")
    with pytest.raises(Locked) as refused:
        DataDirLock(tmp_path).acquire()
    assert "pid" in str(refused.value) and "2026-11-30T00:00:00Z" in str(refused.value)
    first.release()
    with DataDirLock(tmp_path):
        pass


# -- politeness and traps -------------------------------------------------------------------------------------


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after_seconds(b"3") == 3.0
    assert retry_after_seconds("0") == 0.0
    now = time.time()
    assert 9 <= retry_after_seconds(formatdate(now + 10, usegmt=True), now=now) <= 11
    assert retry_after_seconds(formatdate(now - 100, usegmt=True), now=now) == 0.0
    assert retry_after_seconds(None) is None and retry_after_seconds(b"soon") is None


@pytest.mark.parametrize(("url", "trap"), [
    ("/a/msjj/2017/0620/89.html", False),
    ("/Article/ShowArticle.asp?ArticleID=105&Page=2", False),
    ("/Article/ShowClass.asp?ClassID=3&page=2", False),
    ("/plus/search.php?keyword=新疆", True),
    ("/list.asp?q=abc", True),
    ("/list.asp?q=abc&page=2", True),
    ("/index.php?q=%E6%B0%91%E7%94%9F&id=3", True),
    ("/index.php?m=cms&q=view&id=1237", False),  # PHPWind's route, not a search
    ("/index.php?q=node/105", False),  # Drupal's route without clean URLs
    ("/calendar.asp?year=1890&month=1", True),
    ("/archive.asp?year=2017&month=6", False),
    ("/archive.asp?date=2999-01-01", True),
    ("/a/b/a/b/a/b/index.html", True),
    ("/x.asp?id=1&id=1", True),
    ("/x.asp?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9", True),
    ("/page.html;jsessionid=0123456789ABCDEF", True),
    ("/index.asp?sid=a1b2c3d4e5f6", True),
    ("/list.asp?sid=3&page=2", False),  # a site's own section id, not a session
    ("/bbs/post.php?action=reply&fid=2&tid=124&reppost=3014", True),  # a forum's forms: one URL per floor
    ("/bbs/misc.php?action=rate&tid=124&pid=3014", True),
    ("/bbs/pm.php?action=new&uid=12", True),
    ("/bbs/logging.php?action=login", True),
    ("/post.asp?action=re&boardid=12&replyid=34121&id=3412", True),  # DVBBS: a reply form, a vote, a message
    ("/postagree.asp?boardid=12&id=3412&isagree=1", True),
    ("/messanger.asp?action=new&touser=abc", True),
    ("/reg.asp", True),
    ("/region.asp?id=3", False),
    ("/bbs/misc.php?action=viewthreadmod&tid=124", False),  # (a thread's moderation log: a page, if no article)
    ("/posting.php?mode=quote&f=3&p=4567", True),  # phpBB's and vBulletin's forms by their mode= and do= verbs
    ("/ucp.php?mode=register", True),
    ("/newreply.php?do=newreply&noquote=1&p=5196", True),
    ("/forumdisplay.php?do=markread&f=12", True),
    ("/showpost.php?p=5196&postcount=2", True),  # (one post in a window: the thread page's floor again)
    ("/misc.php?do=page&template=about", False),
    ("/bbs/forum.php?mod=misc&action=postreview&do=support&tid=2011&pid=31086", True),  # Discuz! X's votes, print
    ("/bbs/forum.php?mod=viewthread&action=printable&tid=2011", True),  # view and member forms (ac=)
    ("/bbs/home.php?mod=spacecp&ac=favorite&type=thread&id=2011", True),
    ("/bbs/home.php?mod=space&uid=1077&do=thread&type=thread&view=me", False),
    ("/memberlist.php?mode=viewprofile&u=54", False),
    ("/index.php?action=view&id=12", False),
    ("/shop/mypage.php?id=3", False),
    ("/baike/doc-edit-30.html", True),  # a wiki's routes to its forms and searches
    ("/baike/doc-editsection-47-1.html", True),
    ("/baike/index.php?search-tag-%B5%CD%B1%A3", True),
    ("/baike/index.php?user-login", True),
    ("/baike/index.php?doc-view-57", False),
    ("/baike/doc-view-57.html", False),
    ("/2019/05/how-to-register-for-insurance.html", False),
    ("/print/10562", True),  # Drupal's print module's view of node 10562
    ("/printpdf/node/10562", True),
    ("/e/DoPrint/?classid=2&id=1234", True),  # EmpireCMS's print view of item 1234
    ("/news/print/2012/0512.html", False),
])
def test_trap_guards(url, trap):
    assert looks_like_trap("http://www.xjmsw.cn" + url) is trap


def test_a_print_view_is_a_trap_unless_a_listing_lists_it():
    url = "http://www.xjmsw.cn/print.asp?ArticleID=1187"
    assert looks_like_trap(url) and not looks_like_trap(url, listed=True)
    assert looks_like_trap("http://www.xjmsw.cn/search.asp?keyword=1", listed=True)  # (only print views)


def test_a_search_word_a_breadcrumb_names_is_a_board_not_a_search():
    board = "http://www.xjmsw.cn/f?kw=%E6%96%B0%E7%96%86%E6%B0%91%E7%94%9F&pn=50"  # (贴吧's board, its page 2)
    assert looks_like_trap(board) and not looks_like_trap(board, named=True)
    assert looks_like_trap("http://www.xjmsw.cn/search.asp?keyword=1", named=True)  # (a search script's name)
    assert looks_like_trap("http://www.xjmsw.cn/p/1204598833?see_lz=1", named=True)  # (only search words)


def test_fault_plan_is_seeded_per_url_attempt_and_bounded():
    def plan(seed):
        faults = Faults(seed=seed, rate=0.5, max_per_url=2)
        return [faults.decide(f"/a/{n}.html") for n in range(40) for _ in range(5)]

    assert plan(3) == plan(3) and plan(3) != plan(4)
    faults = Faults(seed=3, rate=1.0, max_per_url=2, permanent={"/always.html": "500"})
    assert [faults.decide("/a.html")[0] is not None for _ in range(4)] == [True, True, False, False]
    assert all(faults.decide("/always.html")[0] == "500" for _ in range(5))
    assert faults.decide("/robots.txt")[0] is None
