"""``serve`` and ``users``."""

from __future__ import annotations

import getpass
import os
import secrets
import sys

import typer

from countersight.cli.render import console, context, err_console, new_table
from countersight.exc import InputError
from countersight.service.jobs import recover
from countersight.settings import Settings
from countersight.store import accounts

users_app = typer.Typer(help="Team accounts and API keys.", no_args_is_help=True)


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(
        1, "--workers", help="Server processes, each with its own match index."
    ),
    log_level: str = typer.Option("info", "--log-level", help="debug, info, warning or error."),
) -> None:
    """Run the HTTP API and web app."""
    import uvicorn

    from countersight.server.app import create_app
    from countersight.server.workers import Workers, log_to_stderr, reuseport_available

    log_to_stderr(log_level)
    settings: Settings = ctx.obj
    service = context(ctx)
    stopped = recover(service)
    if stopped:
        err_console.print(f"{stopped} screening(s) left unfinished by a stopped server: failed")
    if workers > 1:
        # Each worker process builds its app from the environment; migrate, seed the
        # registry and persist the match index once here so they start from the cache,
        # and share one session key so a login is valid on every worker.
        service.engine()
        os.environ["COUNTERSIGHT_DB"] = settings.db
        os.environ["COUNTERSIGHT_CACHE_DIR"] = settings.cache_dir
        os.environ["COUNTERSIGHT_SECRET_KEY"] = settings.secret_key or secrets.token_urlsafe(32)
        err_console.print(f"Countersight on http://{host}:{port}/web/ ({workers} workers)")
        if reuseport_available():  # each worker accepts on its own socket: balanced
            Workers(host, port, workers, log_level).run()
            return
        uvicorn.run(
            "countersight.server.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
        )
        return
    app = create_app(ctx=service)
    err_console.print(f"Countersight on http://{host}:{port}/web/ (API docs at /docs)")
    uvicorn.run(app, host=host, port=port, log_level=log_level)


@users_app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user's name (their web login)."),
    role: str = typer.Option("analyst", "--role", help="viewer, analyst or admin"),
    password: bool = typer.Option(
        True, "--password/--no-password", help="Ask for a web password (twice, not echoed)."
    ),
    password_stdin: bool = typer.Option(
        False,
        "--password-stdin",
        help="Read the web password from the first line of standard input instead of "
        "asking, for scripts: printf '%s\\n' \"$PW\" | countersight users add NAME "
        "--password-stdin",
    ),
    api_key: bool = typer.Option(False, "--api-key", help="Also create an API key."),
) -> None:
    """Create a user; prints the API key once when --api-key is given."""
    if role not in accounts.ROLES:  # before asking for a password
        raise InputError(f"role must be one of {', '.join(accounts.ROLES)}, not {role!r}")
    secret = None
    if password_stdin:
        secret = stdin_password()
    elif password:
        secret = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass("Again: ") != secret:
            raise typer.BadParameter("the passwords differ")
    service = context(ctx)
    user = accounts.add_user(service.store, name, role, secret)
    console.print(f"created {user.name} ({user.role})")
    if api_key:
        console.print(f"API key (shown once): {accounts.new_api_key(service.store, name)}")


def stdin_password() -> str:
    """The first line of standard input, without its line ending; an empty one is refused."""
    secret = sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise InputError("--password-stdin: standard input holds no password")
    return secret


@users_app.command("key")
def key(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user's name."),
    label: str | None = typer.Option(None, "--label", help="What the key is for."),
) -> None:
    """Create another API key for a user (shown once)."""
    console.print(accounts.new_api_key(context(ctx).store, name, label))


@users_app.command("list")
def list_users(ctx: typer.Context) -> None:
    """The team's users."""
    table = new_table("Users", "name", "role", "web password", "created")
    for user in accounts.list_users(context(ctx).store):
        table.add_row(
            user["name"], user["role"], "yes" if user["password"] else "no", user["created_at"][:16]
        )
    console.print(table)


@users_app.command("remove")
def remove(ctx: typer.Context, name: str = typer.Argument(..., help="The user's name.")) -> None:
    """Remove a user and their API keys."""
    accounts.remove_user(context(ctx).store, name)
    console.print(f"removed {name}")


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.add_typer(users_app, name="users")
