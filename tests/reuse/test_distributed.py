"""The reuse scan on Dask equals the in-process scan; archive input and output behave on bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import cli, config
from helpers.corpus.load import load_corpus
from helpers.corpus.parquet import ARTICLE_COLUMNS, export_parquet, read_articles
from helpers.reuse import archive, distributed
from helpers.reuse.chaining import chains
from helpers.reuse.derivation import find_reuse
from helpers.reuse.shingles import posting_pairs, shared_counts
from tests.conftest import WIRE_CORPUS_DIR

SECOND_CORPUS_DIR = Path(__file__).parents[1] / "fixtures" / "second_corpus"

dask_distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    """A small LocalCluster: two workers of two threads in this process (threads also test the shared vocabulary)."""
    with (
        dask_distributed.LocalCluster(
            n_workers=2, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        dask_distributed.Client(cluster) as c,
    ):
        yield c


def assert_same_scan(client, corpus: pd.DataFrame, partition_articles: int) -> None:
    """Pairs, passages and chains of the Dask scan equal those of ``find_reuse``."""
    here = find_reuse(corpus)
    there = distributed.find_reuse_dask(client, corpus, partition_articles=partition_articles)
    pd.testing.assert_frame_equal(there.pairs, here.pairs)
    pd.testing.assert_frame_equal(there.passages, here.passages)
    pd.testing.assert_frame_equal(chains(corpus, there.pairs), chains(corpus, here.pairs))


@pytest.mark.parametrize("corpus_dir", [config.DEFAULT_CORPUS_DIR, WIRE_CORPUS_DIR, SECOND_CORPUS_DIR])
def test_dask_scan_equals_the_in_process_scan_on_the_test_corpora(client, corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    assert_same_scan(client, corpus, partition_articles=3)  # several partitions even for a few articles


def test_dask_scan_with_more_alignment_chunks_than_are_in_flight_equals_the_in_process_scan(
    client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(distributed, "ALIGN_CHUNK_PAIRS", 2)  # many chunks, submitted as earlier ones finish
    monkeypatch.setattr(distributed, "ALIGN_IN_FLIGHT_PER_THREAD", 1)
    assert_same_scan(client, load_corpus(WIRE_CORPUS_DIR), partition_articles=3)


def test_pair_sums_keep_only_pairs_sharing_enough_shingles() -> None:
    counts = pd.DataFrame({"key": [5, 7, 5, 9, 7], "shared_shingles": [2, 1, 1, 3, 1], "distinctive_shingles": [1] * 5})
    summed = distributed.sum_pairs(counts, min_shared=3).sort_index()
    assert summed.index.tolist() == [5, 9] and summed["shared_shingles"].tolist() == [3, 3]
    assert summed["distinctive_shingles"].tolist() == [2, 1]


@pytest.mark.slow
def test_dask_scan_equals_the_in_process_scan_on_5000_synthetic_articles(client) -> None:
    from helpers.reuse.synthetic import generate

    corpus = generate(5_000, seed=1).corpus
    assert_same_scan(client, corpus, partition_articles=1_000)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 40), max_size=25), min_size=2, max_size=12),
    st.integers(1, 5),
    st.integers(1, 12),
)
def test_posting_pairs_over_hash_slices_add_up_to_shared_counts(docs: list[list[int]], slices: int, limit: int) -> None:
    sets = [np.unique(np.asarray(d, dtype=np.uint64)) for d in docs]
    a, b, shared, distinctive = shared_counts(sets, limit, 2)
    hashes = np.concatenate(sets)
    owner = np.repeat(np.arange(len(sets)), [s.size for s in sets])
    total: dict[int, tuple[int, int]] = {}
    for k in range(slices):  # a shuffle's partitions: each hash whole in one, documents in any order
        mask = hashes % slices == k
        order = np.random.default_rng(k).permutation(int(mask.sum()))
        keys, s, d = posting_pairs(hashes[mask][order], owner[mask][order], len(sets), limit, 2)
        for key, x, y in zip(keys.tolist(), s.tolist(), d.tolist(), strict=True):
            px, py = total.get(key, (0, 0))
            total[key] = (px + x, py + y)
    expected = {
        int(x) * len(sets) + int(y): (int(p), int(q)) for x, y, p, q in zip(a, b, shared, distinctive, strict=True)
    }
    assert total == expected


# ---- the commands -----------------------------------------------------------------------------


def test_reuse_command_writes_the_tables_of_python_m_helpers_tables(tmp_path: Path) -> None:
    assert cli.main(["reuse", str(WIRE_CORPUS_DIR), "--out", str(tmp_path / "out")]) == 0
    assert cli.main(["tables", str(WIRE_CORPUS_DIR), "--out", str(tmp_path / "tables")]) == 0
    for name in ("reuse_pairs.csv", "chains.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "tables" / name).read_bytes()


def test_a_corpus_exported_to_parquet_scans_like_its_folder(tmp_path: Path) -> None:
    assert cli.main(["export", "parquet", str(config.DEFAULT_CORPUS_DIR), str(tmp_path / "pq")]) == 0
    frame = read_articles(tmp_path / "pq")
    assert list(frame.columns[:3]) == list(ARTICLE_COLUMNS[1:])
    assert cli.main(["reuse", str(tmp_path / "pq"), "--out", str(tmp_path / "a")]) == 0
    assert cli.main(["reuse", str(config.DEFAULT_CORPUS_DIR), "--out", str(tmp_path / "b")]) == 0
    for name in ("reuse_pairs.csv", "chains.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def _dataset(folder: Path, frames: list[pd.DataFrame]) -> Path:
    folder.mkdir(parents=True)
    for k, frame in enumerate(frames):
        frame.to_parquet(folder / f"part-{k}.parquet", index=False)
    return folder


def _rows(ids: list[str], text: str = "Some words of an article. More words follow here.") -> pd.DataFrame:
    return pd.DataFrame({"source_id": ids, "outlet": "AP", "published": "2024-01-02", "text": text})


@pytest.mark.parametrize(
    ("frames", "expected"),
    [
        ([_rows(["a"]).rename(columns={"text": "body"})], "missing column 'text'"),
        ([_rows(["a", "b"]), _rows(["c", "a"])], "duplicate source_id 'a' (first at part-0.parquet row 0)"),
        ([_rows(["a"], text="  ")], "row 0: article 'a' has an empty text"),
        ([_rows(["a"], text="word " * 400_001)], "2,000,005 characters, over the limit"),
        ([_rows(["a"]).assign(published="next week")], "published 'next week' is not a date"),
    ],
)
def test_bad_datasets_get_one_line_naming_file_row_and_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frames: list[pd.DataFrame], expected: str
) -> None:
    source = _dataset(tmp_path / "pq", frames)
    assert cli.main(["reuse", str(source), "--out", str(tmp_path / "out")]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and "part-" in lines[0], lines
    assert not (tmp_path / "out").exists()


def test_a_missing_column_suggests_the_near_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _dataset(tmp_path / "pq", [_rows(["a"]).rename(columns={"outlet": "outlets"})])
    assert cli.main(["reuse", str(source), "--out", str(tmp_path / "out")]) == 1
    assert "did you mean 'outlets'" in capsys.readouterr().out


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "CONNECT_TIMEOUT_S", 1)
    code = cli.main(["reuse", str(WIRE_CORPUS_DIR), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    out = capsys.readouterr().out.strip().splitlines()
    assert (
        code == 2 and len(out) == 1 and out[0].startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    )
    assert not (tmp_path / "out").exists()


def test_a_run_failing_mid_way_keeps_the_previous_output_and_leaves_no_partial_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert cli.main(["reuse", str(WIRE_CORPUS_DIR), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def dying(frame: pd.DataFrame, path: Path, **kwargs: object) -> None:
        path.write_text("half a table")
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_csv", dying)
    assert cli.main(["reuse", str(WIRE_CORPUS_DIR), "--out", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def _reuse_on_a_failing_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> tuple[int, list[str]]:
    """``reuse --scheduler`` on a stand-in cluster whose scan raises ``error``: exit code and printed lines."""

    class LostCluster:
        def close(self) -> None:
            pass

    def lost(corpus: pd.DataFrame, client: object) -> dict[str, pd.DataFrame]:
        raise error

    monkeypatch.setattr(archive, "connect", lambda address: LostCluster())
    monkeypatch.setattr(distributed, "scan", lost)
    code = cli.main(["reuse", str(WIRE_CORPUS_DIR), "--out", str(tmp_path / "out"), "--scheduler", "tcp://x:1"])
    return code, capsys.readouterr().out.strip().splitlines()


def test_a_cluster_dying_mid_run_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = dask_distributed.comm.CommClosedError("in <TCP (closed)>: Stream is closed")
    code, out = _reuse_on_a_failing_cluster(tmp_path, capsys, monkeypatch, closed)
    assert code == 2 and len(out) == 1 and "failed mid-run (CommClosedError" in out[0] and "rerun" in out[0]
    assert not (tmp_path / "out").exists()


def test_export_of_a_folder_that_is_no_corpus_is_one_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["export", "parquet", str(tmp_path), str(tmp_path / "pq")]) == 1
    assert capsys.readouterr().out.strip()
    assert not (tmp_path / "pq").exists()


def test_export_parquet_replaces_a_previous_dataset_whole(tmp_path: Path) -> None:
    export_parquet(WIRE_CORPUS_DIR, tmp_path / "pq")
    export_parquet(config.DEFAULT_CORPUS_DIR, tmp_path / "pq")
    assert set(read_articles(tmp_path / "pq").index) == set(load_corpus(config.DEFAULT_CORPUS_DIR).index)
    assert [p.name for p in tmp_path.iterdir()] == ["pq"]


# ---- notebooks on a slice: precomputed pairs ----------------------------------------------------


def test_precomputed_pairs_give_the_notebooks_the_scan_of_the_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers import reuse

    corpus = load_corpus(WIRE_CORPUS_DIR)
    assert cli.main(["reuse", str(WIRE_CORPUS_DIR), "--out", str(tmp_path / "scan")]) == 0
    here = find_reuse(corpus)
    monkeypatch.setenv("REUSE_PAIRS", str(tmp_path / "scan"))
    read = reuse.reuse_of(corpus, align_min_containment=0)
    pd.testing.assert_frame_equal(read.pairs, here.pairs, check_exact=False, atol=1e-4)
    pd.testing.assert_frame_equal(read.passages, here.passages)
    part = corpus.iloc[: len(corpus) // 2]
    sliced = reuse.pairs_for(part)
    assert len(sliced) and set(sliced["source_a"]) | set(sliced["source_b"]) <= set(part.index)
    assert len(sliced) == int((here.pairs["source_a"].isin(part.index) & here.pairs["source_b"].isin(part.index)).sum())


def test_event_toml_names_the_pairs_folder_relative_to_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from helpers.reuse.precomputed import pairs_dir

    monkeypatch.delenv("REUSE_PAIRS", raising=False)
    dest = tmp_path / "corpus"
    shutil.copytree(WIRE_CORPUS_DIR, dest)
    assert pairs_dir(load_corpus(dest)) is None
    with (dest / "event.toml").open("a", encoding="utf-8") as fh:
        fh.write('\nreuse_pairs = "../scan"\n')
    assert pairs_dir(load_corpus(dest)) == dest / ".." / "scan"


def test_a_pairs_folder_without_pairs_is_one_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers.core.errors import InputError
    from helpers.reuse.precomputed import pairs_for

    monkeypatch.setenv("REUSE_PAIRS", str(tmp_path))
    with pytest.raises(InputError, match=r"no reuse_pairs\.csv or reuse_pairs\.parquet here"):
        pairs_for(load_corpus(WIRE_CORPUS_DIR))


def test_a_lost_worker_says_memory_is_the_likely_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cancelled = dask_distributed.client.FutureCancelledError("('sum', 0)", reason="unknown")
    code, out = _reuse_on_a_failing_cluster(tmp_path, capsys, monkeypatch, cancelled)
    assert code == 2 and len(out) == 1 and "failed mid-run (FutureCancelledError" in out[0]
    assert "memory limit" in out[0] and not (tmp_path / "out").exists()
