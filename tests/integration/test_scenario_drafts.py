"""Draft → publish on SQLite and PostgreSQL: an instructor's edit never reaches a
trainee until it is published, and publishing refuses an incomplete scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

import db
from db import cli_commands
from db.app_queries import latest_versions
from db.engine import get_engine
from sim_core.scenario import parse_scenario_yaml

pytestmark = pytest.mark.integration

YAML = (Path(__file__).resolve().parents[2] / "scenarios" / "stroke.yaml").read_text()


@pytest.fixture
def engine(db_url, make_settings):
    settings = make_settings(database_url=db_url)
    cli_commands.upgrade(settings)
    return get_engine(settings)


def _author(engine):
    with db.session_scope(engine) as s:
        return db.create_user(
            s, username="ivy", display_name="Ivy Instructor", role="instructor", password="correct horse"
        ).id


def test_a_draft_is_not_played_until_published(engine):
    author = _author(engine)
    published = parse_scenario_yaml(YAML)
    with db.session_scope(engine) as s:
        db.save_scenario_version(s, scenario=published, yaml_text=YAML, author_id=None)
    edited = published.model_copy(update={"title": "Slurred speech at breakfast"})
    with db.session_scope(engine) as s:
        draft = db.save_draft(s, scenario=edited, yaml_text=YAML, author_id=author)
        assert (draft.version, draft.status) == (2, "draft")
    with db.session_scope(engine) as s:
        assert db.get_active_version(s, slug="stroke").version == 1  # trainees: v1
        row = db.list_scenarios(s)[0]
        assert (row["latest_version"], row["published_version"], row["title"]) == (
            2,
            1,
            published.title,
        )  # draft title not shown
        assert latest_versions(s)["stroke"]["status"] == "draft"
        assert latest_versions(s, published_only=True)["stroke"]["version"] == 1
        db.publish_version(s, version_id=draft.id, by=author)
    with db.session_scope(engine) as s:
        assert db.get_active_version(s, slug="stroke").version == 2
        assert db.list_scenarios(s)[0]["title"] == "Slurred speech at breakfast"
        top = db.version_history(s, slug="stroke")[0]
        assert (top["status"], top["author_name"], top["published_by"]) == (
            "published",
            "Ivy Instructor",
            "Ivy Instructor",
        )
        assert top["published_at"] is not None


def test_publishing_an_incomplete_scenario_is_refused_and_nothing_changes(engine):
    author = _author(engine)
    sc = parse_scenario_yaml(YAML).model_copy(update={"id": "stroke-draft", "title": "", "callback": "call me maybe"})
    with db.session_scope(engine) as s:
        draft = db.save_draft(s, scenario=sc, yaml_text=YAML, author_id=author)
        with pytest.raises(db.PublishError) as exc:
            db.publish_version(s, version_id=draft.id, by=author)
    fields = {p.split(":")[0] for p in exc.value.problems}
    assert {"title", "callback"} <= fields
    with db.session_scope(engine) as s:
        assert db.get_active_version(s, slug="stroke-draft") is None
        assert db.list_scenarios(s, published_only=True) == []
        assert db.load_active_scenarios(s) == ([], [])


def test_the_api_lists_and_creates_drafts_as_the_editor_does(engine):
    """A scenario created through the API is a draft: trainees neither list nor take it
    until it is published, and an edit still in draft leaves trainees on the published one."""
    from types import SimpleNamespace

    from fastapi import HTTPException

    from api import routes_scenarios as api
    from api.schemas import ScenarioCreate
    from db.models import Role
    from db.signed_in import SignedInUser

    author = str(_author(engine))
    instructor = SignedInUser(id=author, username="ivy", role=Role.INSTRUCTOR)
    trainee = SignedInUser(id="t", username="tina", role=Role.TRAINEE)
    b = SimpleNamespace(engine=engine, db_error="")
    published = parse_scenario_yaml(YAML)
    with db.session_scope(engine) as s:
        db.save_scenario_version(s, scenario=published, yaml_text=YAML, author_id=None)
        db.save_draft(
            s, scenario=published.model_copy(update={"title": "Slurred speech"}), yaml_text=YAML, author_id=author
        )
    new = published.model_copy(update={"id": "api-stroke"}).model_dump(mode="json")
    made = api.create_scenario(ScenarioCreate(scenario=new), user=instructor, b=b)
    assert (made.status, made.version) == ("draft", 1)

    def listed(user, drafts=False):
        return {
            s.id: (s.status, s.version, s.title)
            for s in api.list_scenarios(call_type=None, difficulty=None, include_drafts=drafts, user=user, b=b)
        }

    assert listed(trainee) == {published.id: ("published", 1, published.title)}
    assert listed(instructor, drafts=True) == {
        published.id: ("draft", 2, "Slurred speech"),
        "api-stroke": ("draft", 1, published.title),
    }
    with pytest.raises(HTTPException) as refused:
        api.scenario_for_call(b, "api-stroke", trainee)
    assert refused.value.status_code == 404
    assert api.scenario_for_call(b, "api-stroke", instructor)[1]["status"] == "draft"
    with db.session_scope(engine) as s:
        db.publish_version(s, version_id=api.latest(b, drafts=True)["api-stroke"]["id"], by=author)
    assert listed(trainee)["api-stroke"] == ("published", 1, published.title)
