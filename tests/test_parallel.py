"""Rendering in forked workers gives the same pages as rendering in one process."""

from __future__ import annotations

import os

import pytest

from ecole_entreprise import parallel
from ecole_entreprise.generate import generate
from helpers import make_project


def _force_workers(monkeypatch) -> None:
    """Workers even for a small site. In the whole suite the browser tests' session keeps a
    thread alive, which the guard refuses to fork from; the tasks here take no lock."""
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert parallel._can_fork()
    monkeypatch.setattr(parallel, "MIN_WEIGHT", 0)
    monkeypatch.setattr(parallel, "MIN_TASKS", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)


@pytest.fixture
def forced(monkeypatch):
    _force_workers(monkeypatch)


def _pages(project):
    return [(p.path, p.content) for p in generate(project).pages]


def test_workers_render_the_same_pages_in_the_same_order(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p")
    alone = _pages(project)
    pools = []

    class CountedPool(parallel.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountedPool)
    assert _pages(project) == alone and pools == []     # a small site: one process
    _force_workers(monkeypatch)
    assert _pages(project) == alone
    assert len(pools) == 1 and len(alone) > 50


def test_results_come_back_in_order_from_other_processes(forced):
    results = parallel.run_all([lambda i=i: (i, os.getpid()) for i in range(12)], weight=1000)
    assert [i for i, _ in results] == list(range(12))
    assert os.getpid() not in {pid for _, pid in results}


def test_a_failing_task_is_run_again_here_and_raises_its_own_error(forced):
    def fails():
        raise ValueError("gabarit cassé")

    with pytest.raises(ValueError, match="gabarit cassé"):
        parallel.run_all([lambda: 1] * 5 + [fails], weight=1000)


def test_workers_are_forked_only_from_a_single_thread(monkeypatch):
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert parallel._can_fork()
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    assert not parallel._can_fork()


def test_small_sites_and_threaded_processes_render_here(monkeypatch):
    assert parallel.run_all([os.getpid] * 20, weight=10) == [os.getpid()] * 20
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)   # as under mkdocs serve
    assert parallel.run_all([os.getpid] * 20, weight=10_000) == [os.getpid()] * 20


def test_positions_survive_a_trip_to_a_worker(tmp_path):
    import pickle

    from ecole_entreprise.load import load_file

    project = make_project(tmp_path / "p")
    path = project / "kits/fiches/rencontre-entreprise.yml"
    doc = load_file(path, "kits/fiches/rencontre-entreprise.yml")
    travelled = pickle.loads(pickle.dumps(doc))
    assert travelled.values == {} and travelled.data == doc.data    # positions left behind…
    assert doc.position(("actions", 0, "delai"))[0] > 1
    for where in [("titre",), ("actions", 0, "delai"), ("actions", 1), ()]:
        assert travelled.position(where) == doc.position(where)             # …and read again
    assert travelled.position(("actions", 0), key=True) == doc.position(("actions", 0), key=True)


def test_a_check_in_workers_reports_what_a_check_here_reports(tmp_path, monkeypatch):
    from ecole_entreprise import generate as pipeline

    project = make_project(tmp_path / "p")
    fiche = project / "kits/fiches/rencontre-entreprise.yml"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(text.replace("pilote: [", "pilote: [acteur-inconnu, ", 1) if "pilote: [" in text
                     else text.replace("pilote:\n", "pilote:\n      - acteur-inconnu\n", 1), encoding="utf-8")
    (project / "kits/fiches/cassee.yml").write_text("id: cassee\ntitre: [\n", encoding="utf-8")
    alone = [str(p) for p in pipeline.check(project).problems.sorted()]
    assert any("acteur-inconnu" in line for line in alone) and any("cassee.yml" in line for line in alone)
    _force_workers(monkeypatch)
    monkeypatch.setattr(pipeline, "FILES_PER_TASK", 2)
    assert [str(p) for p in pipeline.check(project).problems.sorted()] == alone
