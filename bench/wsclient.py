"""A Streamlit session spoken directly over its WebSocket (no browser), for bench/load.py.

The browser's part of the protocol, as far as a load test needs it: connect to
``/_stcore/stream`` with the XSRF token as the second WebSocket subprotocol (and the cookies the
browser would send: the proxy's sticky ``cd_server``, ``_streamlit_xsrf`` and the signed-in
``_streamlit_user``), send ``BackMsg.rerun_script`` with the page and any button press, and read
``ForwardMsg``s until the run's ``script_finished``. Also the sign-in over plain HTTP: the app's
"Sign in" button answers with an ``auth_redirect``; the OpenID Connect mock's form is posted like
a person would; the callback sets the signed cookie.
"""

from __future__ import annotations

import dataclasses
import time
import urllib.parse

import httpx
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)


@dataclasses.dataclass
class Run:
    """What one script run sent: its time, the buttons by label, the texts, any redirect."""

    seconds: float = 0.0
    buttons: dict[str, str] = dataclasses.field(default_factory=dict)
    texts: list[str] = dataclasses.field(default_factory=list)
    auth_redirect: str = ""
    exceptions: list[str] = dataclasses.field(default_factory=list)
    messages: int = 0
    bytes: int = 0


class Session:
    """One browser tab's Streamlit session, without the browser."""

    def __init__(self, base: str, cookies: dict[str, str], timezone: str = "Europe/Berlin"):
        self.base = base.rstrip("/")
        self.cookies = dict(cookies)
        self.timezone = timezone
        self.ws = None

    async def __aenter__(self) -> Session:
        url = "ws" + self.base[len("http") :] + "/_stcore/stream"
        xsrf = self.cookies.get("_streamlit_xsrf", "")
        self.ws = await websockets.connect(
            url,
            origin=self.base,
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
            max_size=None,
            open_timeout=300,
            ping_interval=None,
            compression=None,
            proxy=None,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, page: str = "", press: str | None = None) -> Run:
        """Run ``page`` (its URL path, "" for the home page), pressing button id ``press``.

        Timed from sending the rerun to the ``script_finished`` that ends it (a run that ends
        early because the app called ``st.rerun`` is followed by its rerun, included)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_name = page
        state.context_info.timezone = self.timezone
        state.context_info.locale = "en-US"
        state.context_info.url = f"{self.base}/{page}"
        if press is not None:
            widget = state.widget_states.widgets.add()
            widget.id = press
            widget.trigger_value = True
        run = Run()
        started = time.monotonic()
        await self.ws.send(msg.SerializeToString())
        while True:
            raw = await self.ws.recv()
            run.messages += 1
            run.bytes += len(raw)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "button":
                    run.buttons[element.button.label] = element.button.id
                elif which == "markdown":
                    run.texts.append(element.markdown.body)
                elif which == "exception":
                    run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            elif kind == "auth_redirect":
                run.auth_redirect = fwd.auth_redirect.url
            elif kind == "script_finished" and fwd.script_finished in DONE:
                break
        run.seconds = time.monotonic() - started
        return run


def app_cookies(http: httpx.AsyncClient) -> dict[str, str]:
    """The cookies the app and the proxy set (not the provider's)."""
    return {
        c.name: c.value
        for c in http.cookies.jar
        if c.name.startswith("_streamlit") or c.name == "cd_server"
    }


async def sign_in(base: str, subject: str) -> dict[str, str]:
    """Sign ``subject`` in through the app's "Sign in" button and the OpenID Connect mock's
    form, over plain HTTP through the proxy; return the cookies a browser would then hold."""
    async with httpx.AsyncClient(timeout=300, follow_redirects=True) as http:
        await http.get(f"{base}/")  # the proxy's sticky cookie
        await http.get(f"{base}/_stcore/health")  # Streamlit's XSRF cookie, as the page gets it
        async with Session(base, app_cookies(http)) as session:
            first = await session.run("")
            button = first.buttons.get("Sign in")
            if button is None:
                raise RuntimeError(f"no 'Sign in' button on the first page: {first.texts[:3]}")
            pressed = await session.run("", press=button)
        if not pressed.auth_redirect:
            raise RuntimeError("the 'Sign in' button did not redirect")
        form = await http.get(urllib.parse.urljoin(f"{base}/", pressed.auth_redirect))
        if "/oauth2/authorize" not in str(form.url):
            raise RuntimeError(f"the sign-in went to {form.url}, not the provider's form")
        done = await http.post(str(form.url), data={"sub": subject})
        done.raise_for_status()
        cookies = app_cookies(http)
    if not any(name.startswith("_streamlit_user") for name in cookies):
        raise RuntimeError(f"no sign-in cookie after the provider's form ({sorted(cookies)})")
    return cookies
