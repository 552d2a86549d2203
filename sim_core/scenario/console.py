"""What a trainee may see of a scenario: the console's ANI/ALI line before the
call is answered, and a short brief for the scenario picker. Both come from the
scenario's optional `phone` and `brief` fields, with defaults derived from the
rest of the scenario, so every scenario (old files included) has them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import Scenario

SERVICE_NAMES = {"landline": "Landline", "wireless": "Wireless (cell phone)", "voip": "VoIP"}
DEFAULT_RADIUS_M = 150
_HOUSE_NUMBER = re.compile(r"^\s*(\d+)\s+(.+)$")


@dataclass(frozen=True)
class ConsoleView:
    """The carrier's data as a 9-1-1 console shows it."""

    service: str  # landline | wireless | voip
    number: str  # ANI
    location: str  # ALI, as delivered (not necessarily the truth)
    uncertainty_m: int | None
    subscriber: str
    caution: str  # what the call-taker should keep in mind about this location

    @property
    def service_name(self) -> str:
        return SERVICE_NAMES.get(self.service, self.service)


def _with_city(text: str, city: str) -> str:
    return f"{text}, {city}" if city and city.lower() not in text.lower() else text


def block_of(address: str) -> str:
    """The hundred-block a wireless position falls in, as a console lists it: '1425 Oak
    Street' → 'Oak Street, 1400–1499 block', '62 Alder Lane' → 'Alder Lane, 1–99 block'; a
    place without a house number is 'near' it."""
    m = _HOUSE_NUMBER.match(address)
    if not m:
        return f"near {address}"
    low = int(m.group(1)) // 100 * 100
    return f"{m.group(2).split(',')[0].strip()}, {max(low, 1)}–{low + 99} block"


def console_view(scenario: Scenario) -> ConsoleView:
    phone, loc = scenario.phone, scenario.location
    number = phone.number or scenario.callback
    radius: int | None
    if phone.service == "wireless":
        where = phone.location or block_of(loc.address)
        radius = phone.uncertainty_m or DEFAULT_RADIUS_M
        caution = f"Wireless position, accurate to about {radius} m: get the exact address from the caller."
    else:
        where = phone.location or loc.full
        radius = phone.uncertainty_m
        caution = (
            "Registered address of a VoIP line: the caller may be elsewhere. Verify it."
            if phone.service == "voip"
            else "Billing address of the landline: usually exact. Read it back to confirm."
        )
    return ConsoleView(
        service=phone.service,
        number=number,
        location=_with_city(where, loc.city),
        uncertainty_m=radius,
        subscriber=phone.subscriber,
        caution=caution,
    )


def call_type_words(call_type: str) -> str:
    return call_type.replace("_", " ").strip()


def trainee_brief(scenario: Scenario) -> str:
    """The scenario's brief, or one derived from call type, difficulty and the phone line."""
    if scenario.brief.strip():
        return scenario.brief.strip()
    view = console_view(scenario)
    kind = call_type_words(scenario.call_type).capitalize() or "Emergency"
    radius = f" (±{view.uncertainty_m} m)" if view.service == "wireless" else ""
    return f"{kind} call, {scenario.difficulty}. The console shows a {view.service_name.lower()} line{radius}."


__all__ = ["ConsoleView", "SERVICE_NAMES", "block_of", "call_type_words", "console_view", "trainee_brief"]
