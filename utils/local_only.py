"""The app stays on this computer: no lookup of the machine's addresses on the internet.

Streamlit checks the Origin of every data-channel (websocket) handshake. For an origin it does
not know (another site's page trying to connect), it compares against the machine's "internal"
address (a UDP socket towards 8.8.8.8) and its "external" address (an HTTP request to
checkip.amazonaws.com): a page of another site could make the diary's server contact the
internet. The app listens on localhost only (.streamlit/config.toml: server.address,
server.allowedHosts), so neither address can be a legitimate origin: ``pin_addresses`` answers
both questions with the loopback address, once per server process, before any lookup happens
again. A foreign origin is then simply refused.
"""

from __future__ import annotations

LOOPBACK = "127.0.0.1"


def pin_addresses() -> None:
    """Make Streamlit's address lookups answer the loopback address without any network use."""
    try:
        from streamlit import net_util
    except ImportError:  # pragma: no cover - Streamlit moved the module
        return
    if getattr(net_util, "_internal_ip", None) is None:
        net_util._internal_ip = LOOPBACK
    if getattr(net_util, "_external_ip", None) is None:
        net_util._external_ip = LOOPBACK
