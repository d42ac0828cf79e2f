"""Accounts: people, their passwords (argon2 hashes), invitations and which areas they may see.

An account is made without a password; a one-time link (:meth:`Accounts.invite`) lets
its person choose one. Only hashes of passwords and of links are kept.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import StoreError, msg
from .areas import require_area
from .collation import danish_key
from .models import ROLES, Invite, Membership, User, utc_now
from .records import UserInfo
from .session import Sessions

MAX_USER_NAME = 100
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 10
#: A password longer than this is not a password (and would make hashing slow on purpose).
MAX_PASSWORD = 1024
INVITE_DAYS = 7


def check_password(password: str) -> None:
    """A password long enough to keep (and short enough to hash)."""
    if len(password) < MIN_PASSWORD:
        raise StoreError.of("password-too-short", minimum=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise StoreError.of("password-too-long", maximum=MAX_PASSWORD)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _user_info(user: User) -> UserInfo:
    return UserInfo(
        user.id,
        user.email,
        user.name,
        user.role,
        user.password_hash is not None,
        user.created_at,
        user.sessions,
        user.disabled,
    )


def _require_user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise StoreError.of("no-such-user", email=email.strip().lower())
    return user


class Accounts:
    """The accounts, their passwords and invitations, and the areas granted to them."""

    def __init__(self, sessions: Sessions, hasher: PasswordHasher | None = None):
        self._sessions = sessions
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    def create_user(self, email: str, name: str, role: str = "staff") -> UserInfo:
        """A new account without a password; :meth:`invite` gives the link to choose one."""
        email = email.strip().lower()
        name = " ".join(name.split())
        if not EMAIL.match(email) or len(email) > 254:
            raise StoreError.of("email-bad", email=email)
        if not name or len(name) > MAX_USER_NAME or not name.isprintable():
            raise StoreError.of("user-name-bad", name=name)
        if role not in ROLES:
            raise StoreError.of("role-bad", role=role, roles=list(ROLES))
        try:
            with self._sessions.begin() as session:
                if session.scalar(select(User).where(User.email == email)) is not None:
                    raise StoreError.of("user-exists", email=email)
                user = User(email=email, name=name, role=role)
                session.add(user)
                session.flush()
                return _user_info(user)
        except IntegrityError as e:
            raise StoreError.of("user-exists", email=email) from e

    def user(self, user_id: int) -> UserInfo | None:
        with self._sessions.begin() as session:
            user = session.get(User, user_id)
            return _user_info(user) if user else None

    def user_by_email(self, email: str) -> UserInfo | None:
        with self._sessions.begin() as session:
            user = session.scalar(select(User).where(User.email == email.strip().lower()))
            return _user_info(user) if user else None

    def users(self) -> list[UserInfo]:
        """Every account, in Danish alphabetical order of names."""
        with self._sessions.begin() as session:
            infos = [_user_info(u) for u in session.scalars(select(User))]
        return sorted(infos, key=lambda u: danish_key(u.name))

    def members(self, slug: str) -> list[UserInfo]:
        """The staff who may see and change the area."""
        with self._sessions.begin() as session:
            area = require_area(session, slug)
            users = session.scalars(
                select(User)
                .join(Membership, Membership.user_id == User.id)
                .where(Membership.area_id == area.id)
            )
            infos = [_user_info(u) for u in users]
        return sorted(infos, key=lambda u: danish_key(u.name))

    # --- passwords ---

    def invite(self, email: str, now: datetime.datetime | None = None) -> str:
        """A new one-time token for choosing a password, valid for a week; earlier unused
        ones of the same person stop working. The token is given once: only its hash is kept."""
        now = now or utc_now()
        token = secrets.token_urlsafe(32)
        with self._sessions.begin() as session:
            user = _require_user(session, email)
            session.execute(delete(Invite).where(Invite.user_id == user.id, Invite.used_at.is_(None)))
            session.add(
                Invite(
                    token_hash=_token_hash(token),
                    user_id=user.id,
                    created_at=now,
                    expires_at=now + datetime.timedelta(days=INVITE_DAYS),
                )
            )
        return token

    def redeem(self, token: str, password: str, now: datetime.datetime | None = None) -> UserInfo:
        """Set the password of the token's account; the token is used up."""
        now = now or utc_now()
        with self._sessions.begin() as session:
            invite = session.scalar(select(Invite).where(Invite.token_hash == _token_hash(token)))
            if invite is None:
                raise StoreError.of("invite-unknown", msg("invite.hint"))
            if invite.used_at is not None:
                raise StoreError.of("invite-used", msg("invite.hint"))
            if invite.expires_at <= now:
                raise StoreError.of("invite-expired", msg("invite.hint"))
            check_password(password)
            # Used up here, only if nobody used it in the meantime (a second tab, a second click).
            taken = session.execute(
                update(Invite).where(Invite.id == invite.id, Invite.used_at.is_(None)).values(used_at=now)
            )
            if taken.rowcount != 1:  # type: ignore[attr-defined]
                raise StoreError.of("invite-used", msg("invite.hint"))
            user = session.get_one(User, invite.user_id)
            user.password_hash = self.hasher.hash(password)
            user.sessions += 1  # a session from before the new password ends
            return _user_info(user)

    def authenticate(self, email: str, password: str) -> UserInfo | None:
        """The account if ``password`` is its password, else ``None`` (unknown e-mail, no
        password yet or a wrong one: the same answer, in about the same time)."""
        with self._sessions.begin() as session:
            user = session.scalar(select(User).where(User.email == email.strip().lower()))
            if user is None or user.password_hash is None or user.disabled or len(password) > MAX_PASSWORD:
                self._verify(self._dummy(), password)  # the same answer, in about the same time
                return None
            if not self._verify(user.password_hash, password):
                return None
            if self.hasher.check_needs_rehash(user.password_hash):
                user.password_hash = self.hasher.hash(password)
            return _user_info(user)

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return self.hasher.verify(hashed, password[:MAX_PASSWORD])
        except (VerificationError, InvalidHashError):
            return False

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy_hash

    def disable(self, email: str, disabled: bool = True) -> UserInfo:
        """Disable the account (no login; every session of it ends), or enable it again."""
        with self._sessions.begin() as session:
            user = _require_user(session, email)
            user.disabled = disabled
            user.sessions += 1
            return _user_info(user)

    def end_sessions(self, user_id: int) -> None:
        """End every session of the account at once (a logout ends them on every device)."""
        with self._sessions.begin() as session:
            session.execute(update(User).where(User.id == user_id).values(sessions=User.sessions + 1))

    def reset_password(self, email: str) -> str:
        """Forget the account's password; a new one-time token to choose another."""
        with self._sessions.begin() as session:
            user = _require_user(session, email)
            user.password_hash = None
            user.sessions += 1
        return self.invite(email)

    # --- which areas ---

    def grant(self, email: str, slug: str) -> None:
        """Let the account see and change the area (nothing happens if it already may)."""
        with self._sessions.begin() as session:
            user = _require_user(session, email)
            area = require_area(session, slug)
            if session.get(Membership, (user.id, area.id)) is None:
                session.add(Membership(user_id=user.id, area_id=area.id))

    def revoke(self, email: str, slug: str) -> None:
        """Take the area away from the account."""
        with self._sessions.begin() as session:
            user = _require_user(session, email)
            area = require_area(session, slug)
            session.execute(
                delete(Membership).where(Membership.user_id == user.id, Membership.area_id == area.id)
            )
            user.sessions += 1
