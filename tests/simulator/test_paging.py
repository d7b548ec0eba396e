"""Paging as BaseListCmd does it: page is 1-based, pagesize needs page (and page needs pagesize), pagesize is
capped by default.page.size, -1 means everything, no paging parameters means the first default.page.size rows,
and a page past the end answers the count alone."""
import pytest
from simwire import set_config, signed

DOMAINS = 12  # plus ROOT: 13 rows


@pytest.fixture
def filled(simserver):
    for i in range(DOMAINS):
        simserver.ok("createDomain", name=f"pg-{i:02d}")
    return simserver


def names(reply):
    return [d["name"] for d in reply.inner.get("domain", [])]


def test_pages_cover_every_row_once(filled):
    seen = []
    for page in (1, 2, 3):
        reply = signed(filled, "listDomains", page=page, pagesize=5)
        assert reply.status == 200 and reply.inner["count"] == DOMAINS + 1
        seen += names(reply)
    assert [len(names(signed(filled, "listDomains", page=p, pagesize=5))) for p in (1, 2, 3)] == [5, 5, 3]
    assert sorted(seen) == sorted(["ROOT"] + [f"pg-{i:02d}" for i in range(DOMAINS)])


def test_page_past_the_end_answers_count_only(filled):
    reply = signed(filled, "listDomains", page=4, pagesize=5)
    assert reply.status == 200 and reply.json == {"listdomainsresponse": {"count": DOMAINS + 1}}


def test_page_zero_is_the_first_page(filled):
    assert names(signed(filled, "listDomains", page=0, pagesize=5)) == names(signed(filled, "listDomains", page=1, pagesize=5))


def test_pagesize_without_page_is_431(filled):
    reply = signed(filled, "listDomains", pagesize=5)
    assert reply.status == 431
    assert reply.json == {"listdomainsresponse": {"uuidList": [], "errorcode": 431, "cserrorcode": 9999,
                                                  "errortext": '"page" parameter is required when "pagesize" is specified'}}


def test_page_without_pagesize_is_431(filled):
    reply = signed(filled, "listDomains", page=2)
    assert reply.status == 431 and reply.inner["errortext"] == '"pagesize" parameter is required when "page" is specified'


def test_pagesize_minus_one_is_everything(filled):
    reply = signed(filled, "listDomains", pagesize=-1)
    assert reply.status == 200 and reply.inner["count"] == DOMAINS + 1 and len(names(reply)) == DOMAINS + 1


def test_pagesize_minus_one_with_page_is_431(filled):
    reply = signed(filled, "listDomains", pagesize=-1, page=1)
    assert reply.status == 431 and reply.inner["errortext"] == "Can't specify page parameter when pagesize is -1 (Unlimited)"


def test_pagesize_over_default_page_size_is_431(filled):
    reply = signed(filled, "listDomains", page=1, pagesize=501)
    assert reply.status == 431
    assert reply.inner == {"uuidList": [], "errorcode": 431, "cserrorcode": 4350,
                           "errortext": "Page size can't exceed max allowed page size value: 500"}
    assert signed(filled, "listDomains", page=1, pagesize=500).status == 200


def test_default_page_size_caps_unpaged_lists(filled):
    set_config(filled, "default.page.size", "4")
    reply = signed(filled, "listDomains")
    assert reply.inner["count"] == DOMAINS + 1 and len(names(reply)) == 4
    reply = signed(filled, "listDomains", page=1, pagesize=5)
    assert reply.status == 431 and reply.inner["errortext"] == "Page size can't exceed max allowed page size value: 4"
    assert len(names(signed(filled, "listDomains", pagesize=-1))) == DOMAINS + 1


def test_default_page_size_minus_one_means_no_cap(filled):
    set_config(filled, "default.page.size", "-1")
    assert len(names(signed(filled, "listDomains"))) == DOMAINS + 1
    assert signed(filled, "listDomains", page=1, pagesize=100000).status == 200


def test_keyword_then_paging(filled):
    reply = signed(filled, "listDomains", keyword="pg-0", page=2, pagesize=6)
    assert reply.inner["count"] == 10 and len(names(reply)) == 4
    assert all(n.startswith("pg-0") for n in names(reply))


def test_empty_result_is_empty_object_even_when_paged(filled):
    reply = signed(filled, "listDomains", keyword="nothing-matches", page=1, pagesize=5)
    assert reply.json == {"listdomainsresponse": {}}


def test_commands_without_paging_parameters_ignore_them(filled):
    # listApis is not a BaseListCmd: page/pagesize are unknown parameters there, ignored
    reply = signed(filled, "listApis", pagesize=1)
    assert reply.status == 200 and reply.inner["count"] == len(reply.inner["api"]) > 1
