"""The wheels of `make package` installed in a fresh environment outside the checkout: the
command finds its models by package name and writes the outputs the checkout writes."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TABLES = ("entities.csv", "memberships.csv", "projects.csv", "project_participants.csv", "records.json")


@pytest.mark.slow
def test_installed_wheels_run_the_seeds_as_the_checkout_does(tmp_path):
    subprocess.run(["make", "package"], cwd=REPO, check=True, capture_output=True)
    wheels = sorted((REPO / "dist").glob("*.whl"))
    assert {w.name.split("-")[0] for w in wheels} == {"italian_network_extraction", "it_kind_ner", "it_syntax"}
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "-c", REPO / "requirements.lock", *wheels], check=True)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in (REPO / "seeds").glob("*.txt"):
        (seeds / seed.name).write_bytes(seed.read_bytes())
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    subprocess.run([environment / "bin" / "itnet", "run", "../seeds", "--out", "out", "--quiet"], cwd=outside, check=True)
    for table in TABLES:
        assert (outside / "out" / table).read_bytes() == (REPO / "outputs" / table).read_bytes(), table
    printed = subprocess.run(
        [python, "-c", "import itnet, sys; print([(m.member, m.network) for m in itnet.extract(sys.stdin.read()).memberships])"],
        input=(REPO / "seeds" / "001_e4ee2aa2dbeadda6.txt").read_text(encoding="utf-8"), text=True, cwd=outside,
        check=True, capture_output=True,
    ).stdout
    assert "('Kraków', 'ECCAR')" in printed
    # the package's own data files travel with it: the review page's templates, the bench texts
    subprocess.run([environment / "bin" / "itnet", "review", "out", "--html", "review"], cwd=outside, check=True,
                   capture_output=True)
    assert (outside / "review" / "index.html").exists()
    corpus = subprocess.run(
        [python, "-c", "from itnet.bench import corpus_source; print(len(corpus_source().texts))"],
        cwd=outside, check=True, capture_output=True, text=True,
    ).stdout
    assert int(corpus) == 8
