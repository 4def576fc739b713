"""The Ray engine (`pip install translit[ray]`): the documents as a Ray Dataset, translated by an actor
pool through `map_batches` (each actor loads its model once, in `__init__`, and writes its outputs).

No address starts a local Ray instance; `--ray-address auto` (or ray://host:10001, host:6379) joins an
existing cluster, whose every node must have translit and the same translation packages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import Any

from translit.batch.items import Item
from translit.batch.work import Job, Worker
from translit.errors import InputError, TranslitError


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401 - Ray Data is the part the engine needs
    except ImportError:
        raise TranslitError(
            "The Ray engine needs Ray Data: pip install 'translit[ray]' (or use --engine local)."
        ) from None
    return ray


class TranslateBatch:
    """A Ray Data callable class: one translator per actor, loaded when the actor starts."""

    def __init__(self, job: Job) -> None:
        self.worker = Worker(job)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        items = [Item(**json.loads(value)) for value in batch["item"]]
        return {"row": [json.dumps(found, ensure_ascii=False) for found in self.worker.process(items)]}


def run_ray(
    chunks: Sequence[Sequence[Item]], job: Job, workers: int, threads: int, address: str | None = None
) -> Iterator[dict]:
    """Manifest rows as the actors finish their batches."""
    ray = _ray()
    started_here = not ray.is_initialized()
    if started_here:
        try:
            if address:
                ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level="warning")
            else:
                # A local instance on loopback only: nothing listens beyond this machine.
                ray.init(num_cpus=workers * threads, include_dashboard=False, log_to_driver=False,
                         logging_level="warning", _node_ip_address="127.0.0.1")
        except (ConnectionError, RuntimeError, ValueError) as error:
            raise InputError(
                f"Could not join the Ray cluster at {address or 'a new local instance'}: {error}. Check the "
                "address (ray status on the head node prints it), or leave --ray-address out to run locally."
            ) from None
    try:
        check_nodes(ray, job)
        import logging

        logging.getLogger("ray.data").setLevel(logging.WARNING)
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        size = max(len(chunk) for chunk in chunks) if chunks else 1
        items = [{"item": json.dumps(asdict(item), ensure_ascii=False)} for chunk in chunks for item in chunk]
        dataset = ray.data.from_items(items, override_num_blocks=max(1, len(chunks)))
        translated = dataset.map_batches(
            TranslateBatch, fn_constructor_kwargs={"job": job}, batch_size=size,
            concurrency=max(1, min(workers, len(chunks))), num_cpus=threads, batch_format="default",
        )
        for found in translated.iter_rows():
            yield json.loads(found["row"])
    finally:
        if started_here:
            ray.shutdown()


def _installed_pairs(job: Job) -> tuple[str, list[str]]:
    import socket

    from translit.session import Session

    # The backend's own list: a plugin backend (which translit does not install models for) is checked too.
    pairs = sorted(f"{m.from_code}->{m.to_code}" for m in Session(job.settings).translator.installed())
    return socket.gethostname(), pairs


def check_nodes(ray: Any, job: Job) -> None:
    """Every alive node must have the packages any node has, and some node a package into the target:
    otherwise say which node lacks which pair, before anything is translated."""
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    probe = ray.remote(num_cpus=0)(_installed_pairs)
    nodes = [node for node in ray.nodes() if node.get("Alive")]
    found = ray.get([
        probe.options(scheduling_strategy=NodeAffinitySchedulingStrategy(node["NodeID"], soft=False)).remote(job)
        for node in nodes
    ])
    by_node = {
        f"{name} ({node.get('NodeManagerAddress', '?')})": set(pairs) for node, (name, pairs) in zip(nodes, found)
    }
    everywhere = set().union(*by_node.values()) if by_node else set()
    target = job.options.target_lang or ""
    if not any(pair.endswith(f"->{target}") for pair in everywhere):
        raise InputError(
            f"No node of the Ray cluster has a translation package into {target!r} "
            f"(installed: {', '.join(sorted(everywhere)) or 'none'}). Install it on every node: "
            "translit models install FILE.argosmodel."
        )
    lacking = {node: sorted(everywhere - pairs) for node, pairs in by_node.items() if everywhere - pairs}
    if lacking:
        lines = "; ".join(f"{node} lacks {', '.join(pairs)}" for node, pairs in sorted(lacking.items()))
        raise InputError(
            f"The nodes of the Ray cluster do not have the same translation packages: {lines}. "
            "Install them there (translit models install FILE.argosmodel) and run again."
        )
