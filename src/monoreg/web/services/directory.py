"""The directory: regional contacts and the Carif-Oref network."""

from __future__ import annotations

from collections.abc import Iterable

from monoreg.model import Contact as ContactItem
from monoreg.model import (
    ContactGroup,
    DirectoryEntry,
)
from monoreg.model.names import fold
from monoreg.validate.addresses import mailto_href, tel_uri, web_href
from monoreg.web import models as m
from monoreg.web.portal import Portal, Snapshot
from monoreg.web.services.shared import (
    optional_region,
    region_ref,
)

GROUP_LABELS = {
    ContactGroup.REGIONAL_COUNCIL.value: "Conseil régional",
    ContactGroup.STATE.value: "Services de l'État",
    ContactGroup.OPERATORS.value: "Instances et opérateurs régionaux",
}


def phone(text: str, label: str | None = None) -> m.Phone:
    """The number as printed, with a tel: link when it is a valid number."""
    return m.Phone(text=text, tel=tel_uri(text), label=label)


def web_link(text: str) -> m.Link:
    """A printed web address as a link; printed addresses without a scheme get https."""
    return m.Link(text=text, href=web_href(text))


def mail_link(text: str) -> m.Link:
    return m.Link(text=text, href=mailto_href(text))


def _contact(contact: ContactItem) -> m.Contact:
    return m.Contact(group=contact.group.value,
                     group_label=GROUP_LABELS.get(contact.group.value, contact.group.value),
                     organisation=contact.organisation, role=contact.role,
                     person=contact.person, unit=contact.unit,
                     phones=[phone(contact.phone)] if contact.phone else [],
                     email=mail_link(contact.email) if contact.email else None,
                     website=web_link(contact.website) if contact.website else None)


def carif_model(entry: DirectoryEntry) -> m.CarifOref:
    return m.CarifOref(territory=entry.territory, territory_label=entry.territory_label,
                       organisation=entry.organisation,
                       phones=[phone(p.number, p.label) for p in entry.phones],
                       emails=[mail_link(e) for e in entry.emails],
                       websites=[web_link(w) for w in entry.websites],
                       public_websites=[web_link(w) for w in entry.public_websites])


def carif_entries(snapshot: Snapshot) -> list[DirectoryEntry]:
    """The national directory as printed by the most recent edition that has one."""
    for summary in sorted(snapshot.editions, key=lambda e: e.year, reverse=True):
        entries = snapshot.edition(summary).directory
        if entries:
            return list(entries)
    return []


def _matches(words: list[str], fields: Iterable[str | None]) -> bool:
    haystack = fold(" ".join(f for f in fields if f))
    return all(word in haystack for word in words)


def directory(portal: Portal, region: str | None = None, query: str | None = None
              ) -> m.Directory:
    snapshot = portal.snapshot()
    territory = optional_region(snapshot, region)
    words = fold(query or "").split()
    contacts: list[ContactItem] = []
    for code in [territory.code] if territory else sorted({e.region for e in
                                                           snapshot.editions}):
        latest = snapshot.latest(code)
        if latest is not None:
            contacts.extend(snapshot.edition(latest).contacts)
    entries = [e for e in carif_entries(snapshot)
               if territory is None or e.territory == territory.code]
    return m.Directory(
        region=region_ref(territory) if territory else None, query=query or None,
        regions=[region_ref(t) for t in snapshot.catalog.territories.regions],
        contacts=[_contact(c) for c in contacts if _matches(
            words, (c.organisation, c.role, c.person, c.unit, c.email))],
        carif_oref=[carif_model(e) for e in entries if _matches(
            words, (e.organisation, e.territory_label, *e.emails, *e.websites))])
