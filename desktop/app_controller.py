"""Decides what the teacher sees: login, the main window, login again, logout.

Start: with a stored token and an existing cache the main window opens
straight from the cache (offline works); otherwise the login dialog. An
expired token found while syncing asks for the password again and keeps
every local byte. Logout forgets the token (and tells the server when it can)
and, if the teacher asked, removes the local copy and forgets its key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from desktop import local_time
from desktop.application import apply_text_size
from desktop.error_reporter import ErrorReporter
from desktop.login_dialog import LoginDialog
from desktop.logout_dialog import LogoutDialog
from desktop.main_window import MainWindow
from desktop.pages.page import Clock, PageServices
from desktop.session import (
    REQUEST_TIMEOUT_S,
    Session,
    device_name,
    end_session,
    resume_session,
    start_session,
    store_new_token,
)
from desktop.settings import DEFAULT_TEXT_SIZE, AppSettings
from desktop.sync_controller import SyncController, SyncOptions
from desktop.sync_state import SyncState
from desktop.sync_views import SyncViews
from desktop.task_runner import Task, TaskRunner
from local_db.keystore import KeyStore
from local_db.sync import errors as sync_errors
from local_db.sync.api_client import ApiClient
from local_db.views import SyncStatus
from sync_protocol.wire import LoginResponse

log = logging.getLogger(__name__)


class AppController(QObject):
    #: The main window was opened for a session.
    main_window_shown = Signal(object)
    #: The login dialog is on screen (first login or logging in again).
    login_dialog_shown = Signal(object)
    #: Logout finished (the login dialog follows).
    logged_out = Signal()
    #: The teacher closed the app (window or first login dialog).
    quit_requested = Signal()

    def __init__(
        self,
        data_dir: Path,
        *,
        keystore: KeyStore,
        reporter: ErrorReporter,
        server_url: str | None = None,
        demo: bool = False,
        clock: Clock = local_time.now,
        sync_options: SyncOptions | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.keystore = keystore
        self.reporter = reporter
        self.settings = AppSettings(data_dir)
        if self.settings.text_size != DEFAULT_TEXT_SIZE:
            apply_text_size(self.settings.text_size)
        self.server_hint = server_url
        self.demo = demo
        self.clock = clock
        #: Timings and seams of syncing (tests shorten or slow them); None = defaults.
        self.sync_options = sync_options
        self.runner = TaskRunner(reporter.report, self)
        #: Decided once: a keyring that vanishes mid-run is an error, not a mode switch.
        self.persistent = keystore.available()
        self.session: Session | None = None
        self.window: MainWindow | None = None
        self.sync: SyncController | None = None
        self.login_dialog: LoginDialog | None = None
        self.logout_dialog: LogoutDialog | None = None
        self._shut_down = False

    # --- start -------------------------------------------------------------------

    def start(self) -> None:
        server = self.server_hint or self.settings.server_url
        username = self.settings.username
        if not (self.persistent and server and username):
            self.show_login()
            return
        data_dir, keystore = self.data_dir, self.keystore
        self.runner.run_db(
            Task(
                run=lambda _c: resume_session(data_dir, keystore, server, username),
                on_success=self._resumed,
                on_failure=self._resume_failed,
                owner=self,
            )
        )

    def _resumed(self, session: Session | None) -> None:
        if session is None:
            self.show_login()
        else:
            self.open_main_window(session)

    def _resume_failed(self, exc: Exception) -> None:
        # The cache could not be opened (wrong key, too new...): say so, then
        # let the teacher log in; the file itself is left as it is.
        self.reporter.report(exc)
        self.show_login()

    # --- logging in -------------------------------------------------------------

    def show_login(self, relogin: bool = False) -> None:
        if self.login_dialog is not None:
            self.login_dialog.raise_()
            return
        server = self.server_hint or self.settings.server_url
        username = self.settings.username
        if relogin and self.session is not None:
            server, username = self.session.server_url, self.session.username
        dialog = LoginDialog(
            server,
            username,
            keyring_available=self.persistent,
            relogin=relogin,
            parent=self.window if relogin else None,
        )
        dialog.login_requested.connect(
            lambda s, u, p: self.log_in(s, u, p, dialog=dialog, relogin=relogin)
        )
        dialog.rejected.connect(lambda: self._login_cancelled(relogin))
        self.login_dialog = dialog
        dialog.open()
        self.login_dialog_shown.emit(dialog)

    def _login_cancelled(self, relogin: bool) -> None:
        self.login_dialog = None
        if not relogin:
            self.quit_requested.emit()
        # Logging in again was put off: keep working from the cache; the
        # status bar offers "Log in to sync".

    def log_in(
        self,
        server_url: str,
        username: str,
        password: str,
        *,
        dialog: LoginDialog | None = None,
        relogin: bool = False,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """Log in on the network worker; then open the session (or renew its token)."""

        def run(_context: object) -> LoginResponse:
            client = ApiClient(server_url, timeout=REQUEST_TIMEOUT_S)
            try:
                return client.login(username, password, device_name())
            finally:
                client.close()

        def failed(exc: Exception) -> None:
            if dialog is not None and dialog.show_error(exc):
                return
            (on_failure or self.reporter.report)(exc)

        self.runner.run_network(
            Task(
                run=run,
                on_success=lambda response: self._logged_in(server_url, response, dialog, relogin),
                on_failure=failed,
                owner=dialog or self,
            )
        )

    def _logged_in(
        self, server_url: str, response: LoginResponse, dialog: LoginDialog | None, relogin: bool
    ) -> None:
        self.settings.remember_login(server_url, response.user.username)
        session = self.session
        if relogin and session is not None and response.user.username == session.username:
            keystore = self.keystore
            self.runner.run_db(
                Task(
                    run=lambda _c: store_new_token(session, keystore, response.token),
                    on_success=lambda _r: self._relogged_in(dialog),
                    owner=self,
                )
            )
            return
        data_dir, keystore, persistent = self.data_dir, self.keystore, self.persistent

        def failed(exc: Exception) -> None:
            if dialog is not None:
                dialog.set_busy(False)
            self.reporter.report(exc)

        self.runner.run_db(
            Task(
                run=lambda _c: start_session(data_dir, keystore, server_url, response, persistent),
                on_success=lambda new: self._session_started(new, dialog),
                on_failure=failed,
                owner=self,
            )
        )

    def _session_started(self, session: Session, dialog: LoginDialog | None) -> None:
        if dialog is not None:
            self.login_dialog = None
            dialog.accept()
        self.open_main_window(session)

    def _relogged_in(self, dialog: LoginDialog | None) -> None:
        if dialog is not None:
            self.login_dialog = None
            dialog.accept()
        if self.sync is not None:
            self.sync.resume_after_login()

    # --- the main window ---------------------------------------------------------

    def open_main_window(self, session: Session) -> None:
        self.session = session
        services = PageServices(self.runner, session, self.clock, self.settings)
        window = MainWindow(services, demo=self.demo)
        sync = SyncController(
            self.runner, session, self.reporter, parent=window, options=self.sync_options
        )
        sync.state_changed.connect(window.status.show_state)
        SyncViews(window, sync)  # banner, badge, toasts, first download, refused edits
        sync.session_expired.connect(lambda: self.show_login(relogin=True))
        window.status.sync_requested.connect(lambda: sync.sync_now(user_initiated=True))
        window.status.cancel_requested.connect(self.runner.cancel)
        self.runner.progress_started.connect(window.status.show_progress)
        self.runner.progress_changed.connect(window.status.show_progress)
        self.runner.progress_finished.connect(window.status.hide_progress)
        window.logout_requested.connect(self.ask_logout)
        window.closing.connect(self._window_closing)
        self.reporter.parent_window = window
        self.window, self.sync = window, sync
        window.show()
        sync.start()
        self.main_window_shown.emit(window)

    def _window_closing(self) -> None:
        if self.window is not None and not self._shut_down:
            self.quit_requested.emit()

    def _close_window(self) -> None:
        window = self.window
        if self.sync is not None:
            self.sync.stop()
        for signal, slot in (
            (self.runner.progress_started, "show_progress"),
            (self.runner.progress_changed, "show_progress"),
            (self.runner.progress_finished, "hide_progress"),
        ):
            if window is not None:
                signal.disconnect(getattr(window.status, slot))
        self.window, self.sync = None, None
        self.reporter.parent_window = None
        if window is not None:
            window.closing.disconnect(self._window_closing)
            window.close()
            window.deleteLater()

    # --- logging out -------------------------------------------------------------

    def ask_logout(self) -> None:
        session = self.session
        if session is None:
            return

        def read(_c: object) -> SyncStatus:
            from local_db import repositories

            with session.cache.connect() as conn:
                return repositories.sync_status(conn)

        self.runner.run_db(Task(run=read, on_success=self._show_logout_dialog, owner=self))

    def _show_logout_dialog(self, status: SyncStatus) -> None:
        session = self.session
        if session is None or self.window is None:
            return
        dialog = LogoutDialog(
            has_local_copy=session.persistent,
            pending_changes=status.pending_changes,
            parent=self.window,
        )
        dialog.finished.connect(
            lambda result: (
                self.log_out(wipe=dialog.wipe_requested())
                if result == QDialog.DialogCode.Accepted
                else None
            )
        )
        dialog.open()
        self.logout_dialog = dialog

    def log_out(self, wipe: bool) -> None:
        """Revoke the token when the server answers, then forget it locally."""
        session = self.session
        if session is None:
            return
        self._close_window()
        self.session = None
        keystore = self.keystore

        def revoke(_c: object) -> None:
            try:
                session.client().logout()
            except sync_errors.SyncError as exc:
                # Offline or the token already gone: forgetting it here is
                # what matters; the server lets it expire.
                log.info("logout: server not told (%s)", type(exc).__name__)
            finally:
                session.close_client()

        def forget(_r: object) -> None:
            self.runner.run_db(
                Task(
                    run=lambda _c: end_session(session, keystore, wipe),
                    on_success=lambda _r2: self._logged_out(),
                    on_failure=self._logout_failed,
                    owner=self,
                )
            )

        def revoke_failed(exc: Exception) -> None:
            # A bug while telling the server: logged, and the local forgetting
            # still happens (the token must not outlive the teacher's choice).
            log.error("logout: revoking failed", exc_info=(type(exc), exc, exc.__traceback__))
            forget(None)

        self.runner.run_network(
            Task(run=revoke, on_success=forget, on_failure=revoke_failed, owner=self)
        )

    def _logged_out(self) -> None:
        self.logged_out.emit()
        self.show_login()

    def _logout_failed(self, exc: Exception) -> None:
        self.reporter.report(exc)
        self.show_login()

    # --- state for tests and the demo ------------------------------------------

    @property
    def sync_state(self) -> SyncState | None:
        return None if self.sync is None else self.sync.state

    def shutdown(self) -> None:
        """Stop syncing, let queued writes finish, close the cache."""
        if self._shut_down:
            return
        self._shut_down = True
        if self.sync is not None:
            self.sync.stop()
        self.runner.shutdown()  # the workers are idle from here on
        session, self.session = self.session, None
        if session is not None:
            session.close_client()
            if self.demo:
                # The demo's copy is tied to this run's server port: remove it.
                end_session(session, self.keystore, wipe=True)
            else:
                session.closed = True
                session.cache.close()
        log.info("Klassbok closed")
