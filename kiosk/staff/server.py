"""The staff page's web server: Starlette on uvicorn, in a daemon thread of the kiosk.

The door never waits for it: it is imported, bound and run in its own thread, and a
server that cannot start (the port taken) tells `on_failure` and leaves the door alone.
The only thing of the door it touches is the question queue (built for two threads) and
the summary the door publishes; never the store, never the Door.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from string import Template
from typing import Callable
from urllib.parse import parse_qs

from kiosk import assets, fonts
from kiosk.config import SiteConfig
from kiosk.question_queue import QueueError, QuestionQueue

from .access import LoginResult, Session, StaffAccess
from .board import board_state, pictograms
from .icon import SIZES, THEME_COLOUR, icon_png
from .today import SummaryHolder

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
COOKIE = "staff_session"
CSRF_HEADER = "x-csrf-token"
# An event stream says something this often even when nothing changed: minutes waiting
# move on, and a phone's proxy or power saver does not take a silent stream for dead.
HEARTBEAT_SECONDS = 15.0
# A stream waits this long after being woken before it reads the queue: the door's tap
# that woke it (a question asked, its screen drawn) finishes first instead of waiting for
# the GIL behind five pages' JSON, and a burst of changes becomes one event.
SETTLE_SECONDS = 0.05
ACTIONS = ("claim", "unclaim", "helped", "undo")
SECURITY_HEADERS = {
    # Every file comes from the kiosk itself; no inline script can run.
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; style-src 'self'; "
                               "font-src 'self'; "
                               "script-src 'self'; connect-src 'self'; frame-ancestors "
                               "'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: with it a browser sends "Origin: null" on the page's own forms.
    "Referrer-Policy": "same-origin",
}


def _template(name: str) -> Template:
    return Template((HERE / "templates" / name).read_text("utf-8"))


class Broadcaster:
    """Wakes every open event stream; `wake` may be called from any thread (the door's,
    a web request's), the streams wait on the server's event loop."""

    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closing = False
        self._events: set[asyncio.Event] = set()

    def wake(self) -> None:
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(self._wake_all)
        except RuntimeError:  # the loop closed in between
            pass

    def _wake_all(self) -> None:
        for event in self._events:
            event.set()

    def listen(self) -> asyncio.Event:
        event = asyncio.Event()
        self._events.add(event)
        return event

    def leave(self, event: asyncio.Event) -> None:
        self._events.discard(event)

    @property
    def listeners(self) -> int:
        return len(self._events)

    def close(self) -> None:
        self.closing = True
        self.wake()


@dataclass
class StaffContext:
    site: SiteConfig
    queue: QuestionQueue
    access: StaffAccess
    today: SummaryHolder
    now: Callable[[], datetime]
    broadcaster: Broadcaster


def build_app(context: StaffContext):
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import (FileResponse, HTMLResponse, JSONResponse,
                                     RedirectResponse, Response, StreamingResponse)
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    site, queue, access = context.site, context.queue, context.access
    allowed_pictograms = pictograms(site)
    font_files = {name for family in ("arabic", "ethiopic")
                  for name in fonts.FAMILIES[family]}

    def headers(extra: dict | None = None) -> dict:
        return {**SECURITY_HEADERS, "Cache-Control": "no-store", **(extra or {})}

    def page(kind: str, title: str, body: str, csrf: str = "", header_extra: str = "",
             status: int = 200):
        text = _template("page.html").substitute(
            title=html.escape(title), site=html.escape(site.site_name), page=f"page-{kind}",
            csrf=html.escape(csrf), header_extra=header_extra, body=body)
        return HTMLResponse(text, status_code=status, headers=headers())

    def login_page(message: str = "", status: int = 200):
        note = f'<p class="message" role="alert">{html.escape(message)}</p>' if message else ""
        body = _template("login.html").substitute(
            message=note, device=html.escape(access.suggested_device()))
        return page("login", f"Inloggen - {site.site_name}", body, status=status)

    def session_of(request: Request) -> Session | None:
        return access.session(request.cookies.get(COOKIE))

    def unauthorised():
        return JSONResponse({"error": "Log eerst in."}, status_code=401, headers=headers())

    def same_origin(request: Request) -> bool:
        """A form or fetch from another site: refused even before its token is checked
        (SameSite=Strict already keeps the cookie off it)."""
        origin = request.headers.get("origin")
        return origin is None or origin == f"{request.url.scheme}://{request.url.netloc}"

    async def form_of(request: Request) -> dict[str, str]:
        """A small url-encoded form (Starlette's own parser needs python-multipart, one
        library more for two fields)."""
        body = (await request.body())[:4096].decode("utf-8", "replace")
        return {key: values[0] for key, values in parse_qs(body).items()}

    def state() -> dict:
        return board_state(queue, site, context.today.get(), context.now())

    async def index(request: Request):
        if not access.pin_is_set():
            return page("setup", f"{site.site_name} - vrijwilligers",
                        _template("setup.html").substitute())
        session = session_of(request)
        if session is None:
            return login_page()
        body = _template("board.html").substitute(csrf=html.escape(session.csrf),
                                                  device=html.escape(session.device))
        return page("board", f"Vragen - {site.site_name}", body, csrf=session.csrf)

    async def login(request: Request):
        if not same_origin(request):
            return Response("Verkeerde herkomst.", status_code=403, headers=headers())
        if not access.pin_is_set():
            return RedirectResponse("/", status_code=303, headers=headers())
        form = await form_of(request)
        pin = str(form.get("pin", ""))[:64]
        device = str(form.get("device", ""))[:200]
        # scrypt takes ~50 ms on a Pi: off the event loop, so the streams keep flowing.
        result: LoginResult = await run_in_threadpool(access.login, pin, device)
        if result.token is None:
            if result.locked_until is not None:
                until = result.locked_until.astimezone(site.timezone).strftime("%H:%M")
                return login_page(f"Te veel verkeerde pogingen. Probeer het weer om {until}.",
                                  status=429)
            left = result.attempts_left
            return login_page("Verkeerde PIN." + (f" Nog {left} poging(en)." if left else ""),
                              status=401)
        response = RedirectResponse("/", status_code=303, headers=headers())
        seconds = int((result.session.expires - context.now()).total_seconds())
        response.set_cookie(COOKIE, result.token, max_age=max(1, seconds), path="/",
                            httponly=True, samesite="strict")
        return response

    async def logout(request: Request):
        session = session_of(request)
        if session is not None:
            form = await form_of(request)
            if not same_origin(request) or not access.csrf_ok(session, str(form.get("csrf", ""))):
                return Response("Verlopen formulier: laad de pagina opnieuw.", status_code=403,
                                headers=headers())
            access.logout(request.cookies.get(COOKIE))
        response = RedirectResponse("/", status_code=303, headers=headers())
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return response

    async def api_state(request: Request):
        if session_of(request) is None:
            return unauthorised()
        return JSONResponse(state(), headers=headers())

    async def api_events(request: Request):
        session_token = request.cookies.get(COOKIE)
        if access.session(session_token) is None:
            return unauthorised()
        broadcaster = context.broadcaster

        async def stream():
            event = broadcaster.listen()
            last = None
            try:
                while not broadcaster.closing:
                    if access.session(session_token) is None:
                        yield "event: logout\ndata: {}\n\n"
                        return
                    event.clear()  # before reading: a change from now on wakes us again
                    current = state()
                    text = json.dumps(current, ensure_ascii=False, separators=(",", ":"))
                    if text != last:
                        yield f"id: {current['version']}\nevent: state\ndata: {text}\n\n"
                        last = text
                    else:
                        yield ": still here\n\n"
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(event.wait(), HEARTBEAT_SECONDS)
                        await asyncio.sleep(SETTLE_SECONDS)
            finally:
                broadcaster.leave(event)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers=headers({"X-Accel-Buffering": "no"}))

    async def api_action(request: Request):
        session = session_of(request)
        if session is None:
            return unauthorised()
        if not same_origin(request) or not access.csrf_ok(session,
                                                          request.headers.get(CSRF_HEADER)):
            return JSONResponse({"error": "Verlopen pagina: laad hem opnieuw."},
                                status_code=403, headers=headers())
        action = request.path_params["action"]
        number = request.path_params["number"]
        try:
            if action == "claim":
                queue.claim(number, session.device)
            elif action == "unclaim":
                queue.unclaim(number)
            elif action == "helped":
                queue.mark_helped(number, session.device)
            else:
                queue.undo(number)
        except QueueError as error:
            return JSONResponse({"error": str(error), "state": state()}, status_code=409,
                                headers=headers())
        return JSONResponse({"state": state()}, headers=headers())

    async def pictogram(request: Request):
        if session_of(request) is None:
            return unauthorised()
        name = request.path_params["name"]
        path = assets.pictogram_path(name)
        if name not in allowed_pictograms or not path.exists():
            return Response(status_code=404, headers=headers())
        return FileResponse(path, media_type="image/png",
                            headers={**SECURITY_HEADERS, "Cache-Control": "private, max-age=86400"})

    async def font(request: Request):
        # The door's own Arabic and Ethiopic fonts: many phones have none for Tigrinya.
        name = f"{request.path_params['name']}.ttf"
        if name not in font_files:
            return Response(status_code=404, headers=headers())
        return FileResponse(assets.assets_dir() / "fonts" / name, media_type="font/ttf",
                            headers={**SECURITY_HEADERS, "Cache-Control": "max-age=604800"})

    async def manifest(request: Request):
        return JSONResponse({
            "name": f"{site.site_name} - vragen",
            "short_name": site.site_name if len(site.site_name) <= 14 else "Vragen",
            "lang": "nl", "start_url": "/", "scope": "/", "display": "standalone",
            "background_color": "#ffffff", "theme_color": THEME_COLOUR,
            "icons": [{"src": f"/icon-{size}.png", "sizes": f"{size}x{size}",
                       "type": "image/png", "purpose": "any maskable"} for size in SIZES],
        }, media_type="application/manifest+json", headers=headers())

    async def icon(request: Request):
        size = request.path_params["size"]
        if size not in SIZES:
            return Response(status_code=404, headers=headers())
        png = await run_in_threadpool(icon_png, size)
        return Response(png, media_type="image/png",
                        headers={**SECURITY_HEADERS, "Cache-Control": "max-age=86400"})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        context.broadcaster.loop = asyncio.get_running_loop()
        unsubscribe = [queue.subscribe(context.broadcaster.wake),
                       context.today.subscribe(context.broadcaster.wake)]
        try:
            yield
        finally:
            for stop in unsubscribe:
                stop()

    routes = [
        Route("/", index),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/api/state", api_state),
        Route("/api/events", api_events),
        Route("/api/questions/{number:int}/{action:str}", api_action, methods=["POST"]),
        Route("/pictograms/{name:str}.png", pictogram),
        Route("/fonts/{name:str}.ttf", font),
        Route("/manifest.webmanifest", manifest),
        Route("/icon-{size:int}.png", icon),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)

    async def only_known_actions(scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith("/api/questions/"):
            if scope["path"].rsplit("/", 1)[-1] not in ACTIONS:
                await Response(status_code=404)(scope, receive, send)
                return
        await app(scope, receive, send)

    return only_known_actions


class StaffServer:
    """The page in a background thread: `start()` returns at once, `stop()` ends it."""

    def __init__(self, site: SiteConfig, queue: QuestionQueue, data_dir: Path,
                 today: SummaryHolder | None = None, port: int = 8080, bind: str = "0.0.0.0",
                 on_failure: Callable[[str], None] = lambda problem: None,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.today = today or SummaryHolder()
        self.access = StaffAccess(Path(data_dir), site.timezone, now=now)
        self.broadcaster = Broadcaster()
        self.context = StaffContext(site, queue, self.access, self.today, now,
                                    self.broadcaster)
        self.bind = bind
        self.port = port                 # the real one once started (port 0: any free)
        self.on_failure = on_failure
        self.ready = threading.Event()   # serving, or failed (then `problem` says why)
        self.problem: str | None = None
        self._server = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="staff-page", daemon=True)
        self._thread.start()

    def _fail(self, problem: str) -> None:
        self.problem = problem
        log.error("staff page: %s", problem)
        self.ready.set()
        try:
            self.on_failure(problem)
        except Exception:  # noqa: BLE001
            log.exception("staff page: reporting the failure failed")

    def _run(self) -> None:
        try:
            import uvicorn

            app = build_app(self.context)
            family = socket.AF_INET6 if ":" in self.bind else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((self.bind, self.port))
                sock.listen(64)
            except OSError:
                sock.close()
                raise
            self.port = sock.getsockname()[1]
        except OSError as error:
            self._fail(f"the staff page cannot listen on {self.bind}:{self.port} "
                       f"({error.strerror or error}); the door works as usual")
            return
        except Exception as error:  # noqa: BLE001  (a missing library, a bug: not the door's)
            self._fail(f"the staff page cannot start: {error!r}")
            return
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                                timeout_graceful_shutdown=2, timeout_keep_alive=5,
                                proxy_headers=False, server_header=False, loop="asyncio",
                                http="h11", ws="none")
        self._server = uvicorn.Server(config)
        self.ready.set()
        try:
            self._server.run(sockets=[sock])
        except BaseException as error:  # noqa: BLE001  (uvicorn exits with SystemExit)
            if not self.broadcaster.closing:
                self._fail(f"the staff page stopped: {error!r}")
        finally:
            sock.close()

    @property
    def serving(self) -> bool:
        return self._server is not None and self._server.started and not self._server.should_exit

    def stop(self, timeout: float = 5.0) -> None:
        self.broadcaster.close()
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
