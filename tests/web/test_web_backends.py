"""The same API answers on SQLite and on PostgreSQL (store_url fixture), SYNTHETIC data."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from monoreg.loading import load
from monoreg.settings import Settings
from monoreg.store.repository import Store
from monoreg.web.app import create_app


def test_api_on_both_backends(store: Store, data_dir: Path, tmp_path: Path) -> None:
    load(store, data_dir)
    app = create_app(Settings(data_dir=data_dir, var_dir=tmp_path), store=store)
    with TestClient(app) as client:
        hits = client.get("/api/v1/search", params={"q": "Formations synthétiques"}).json()
        assert ["".join(p["text"] for p in h["title"]) for h in hits["items"]] == [
            "Pacte synthétique"]
        assert [p["text"] for p in hits["items"][0]["snippet"] if p["match"]] == [
            "synthétique", "formations"]
        filtered = client.get("/api/v1/search", params={"q": "formation", "region": "53"})
        assert filtered.json()["total"] == 0
        page = client.get("/api/v1/observations", params={
            "region": "normandie", "indicator": "taux_chomage"}).json()
        assert [(i["period"], i["value"]) for i in page["items"]] == [
            ("2028-T2", 8), ("2029-T2", 7.5)]
        assert client.get("/regions/normandie").status_code == 200
