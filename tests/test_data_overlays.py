"""The configuration's `data:`: a newsroom adds to the built-in data files."""

import pytest

from helpers import cli

ARTICLE = ("Mayor opens bridge\n\nDaily Horoscope\n\n"
           "The mayor opened the new bridge on Monday after three years of works, the council said.\n")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def write(project, config: str, house: str) -> None:
    (project / "newslint.yaml").write_text(config, encoding="utf-8")
    (project / "house" / "chrome.yml").write_text(house, encoding="utf-8")


def chrome(out: str) -> list[str]:
    return [line for line in out.splitlines() if "HeaderChrome" in line]


def test_a_house_list_adds_to_the_built_in_one(project):
    code, out, _ = cli("a.txt", "--select", "News.HeaderChrome", cwd=project)
    assert code == 0 and chrome(out) == []
    write(project, "data:\n  News/data/page-chrome.yml: house/chrome.yml\n", "labels: [horoscope]\n")
    code, out, _ = cli("a.txt", "--select", "News.HeaderChrome", cwd=project)
    assert code == 1 and len(chrome(out)) == 1 and "'Daily Horoscope'" in out
    # the built-in list is still there: a built-in label still fires
    (project / "b.txt").write_text(ARTICLE.replace("Daily Horoscope", "Breaking News"), encoding="utf-8")
    code, out, _ = cli("b.txt", "--select", "News.HeaderChrome", cwd=project)
    assert code == 1 and "'Breaking News'" in out


def test_several_house_files_and_a_second_run_from_the_cache(project):
    (project / "house" / "more.yml").write_text("labels: [astrology]\n", encoding="utf-8")
    write(project, "data:\n  News/data/page-chrome.yml: [house/chrome.yml, house/more.yml]\n", "labels: [horoscope]\n")
    for _ in range(2):
        code, out, _ = cli("a.txt", "--select", "News.HeaderChrome", cwd=project)
        assert code == 1 and "'Daily Horoscope'" in out
    # the configuration changed: the rule is compiled with the new data, not served stale
    write(project, "data:\n  News/data/page-chrome.yml: house/more.yml\n", "labels: [horoscope]\n")
    code, out, _ = cli("a.txt", "--select", "News.HeaderChrome", cwd=project)
    assert code == 0 and chrome(out) == []


def test_a_key_that_names_no_data_file_is_an_error(project):
    write(project, "data:\n  News/data/page-chrme.yml: house/chrome.yml\n", "labels: [horoscope]\n")
    code, _, err = cli("a.txt", cwd=project)
    assert code == 2
    assert "newslint.yaml: data: 'News/data/page-chrme.yml' names no data file" in err


def test_a_house_file_of_the_wrong_shape_names_itself(project):
    write(project, "data:\n  News/data/page-chrome.yml: house/chrome.yml\n", "labels: horoscope\n")
    code, _, err = cli("a.txt", cwd=project)
    assert code == 2
    assert "chrome.yml: labels: must be a list, as in" in err


def test_a_missing_house_file_is_an_error(project):
    (project / "newslint.yaml").write_text("data:\n  News/data/page-chrome.yml: house/none.yml\n", encoding="utf-8")
    code, _, err = cli("a.txt", cwd=project)
    assert code == 2 and "none.yml" in err


def test_a_key_must_stay_inside_its_pack(project):
    write(project, "data:\n  News/data/../../../../../../../../etc/passwd: house/chrome.yml\n", "labels: [x]\n")
    code, _, err = cli("a.txt", cwd=project)
    assert code == 2 and "names no data file" in err


def test_house_files_must_be_regular_files(project):
    (project / "newslint.yaml").write_text("data:\n  News/data/page-chrome.yml: /dev/zero\n", encoding="utf-8")
    code, _, err = cli("a.txt", cwd=project)
    assert code == 2 and "not a regular file" in err


def test_a_pack_reached_through_a_link_is_keyed_by_its_name(tmp_path):
    from lint.rules import builtin_rules_dir

    real = tmp_path / "real" / "HouseV2"
    (real / "data").mkdir(parents=True)
    (real / "data" / "page-chrome.yml").write_bytes((builtin_rules_dir() / "News" / "data" / "page-chrome.yml").read_bytes())
    (real / "Chrome.yml").write_text("extends: header_chrome\nmessage: \"'%s'\"\nlevel: warning\nscope: paragraph\n"
                                     "chrome: data/page-chrome.yml\n", encoding="utf-8")
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "House").symlink_to(real, target_is_directory=True)
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "chrome.yml").write_text("labels: [horoscope]\n", encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("rules: [styles/]\nbuiltin: false\ndata:\n  House/data/page-chrome.yml: house/chrome.yml\n",
                                            encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = cli("a.txt", cwd=tmp_path)
    assert code == 1 and "'Daily Horoscope'" in out
