"""S3Store: audio in any S3-compatible server (MinIO, SeaweedFS, AWS) via boto3, path-style.

The bucket is created on first use. Errors are one line naming the setting:
an unreachable endpoint raises StorageUnavailable (spool and retry), rejected
credentials a plain StorageError.
"""

from __future__ import annotations

import threading
from typing import Any

from .base import StorageError
from .errors import StorageUnavailable
from .local import check_key

_AUTH_CODES = {
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "AccessDenied",
    "403",
    "InvalidToken",
    "ExpiredToken",
    "AuthorizationHeaderMalformed",
}
_MISSING = {"NoSuchKey", "404", "NotFound"}


class S3Store:
    def __init__(
        self,
        *,
        endpoint: str,
        bucket: str,
        access_key: str = "",
        secret_key: str = "",
        region: str = "us-east-1",
        presign_expiry_s: int = 3600,
        connect_timeout_s: float = 2.0,
        read_timeout_s: float = 10.0,
    ) -> None:
        try:
            import boto3
            from botocore import UNSIGNED
            from botocore.config import Config
        except ImportError as exc:  # pragma: no cover - boto3 is a pinned dependency
            raise StorageError("S3_ENDPOINT is set but boto3 is missing: pip install -r requirements.txt") from exc
        self.endpoint, self.bucket = endpoint.rstrip("/"), bucket
        self.presign_expiry_s = presign_expiry_s
        config = Config(
            s3={"addressing_style": "path"},
            region_name=region,
            signature_version="s3v4" if access_key else UNSIGNED,
            connect_timeout=connect_timeout_s,
            read_timeout=read_timeout_s,
            retries={"max_attempts": 2, "mode": "standard"},
        )
        # Explicit (possibly empty) credentials: boto3 never goes looking for others.
        session = boto3.session.Session(
            aws_access_key_id=access_key or "anonymous",
            aws_secret_access_key=secret_key or "anonymous",
            region_name=region,
        )
        self.client = session.client("s3", endpoint_url=self.endpoint, config=config)
        self._ready = False
        self._lock = threading.Lock()

    # --- error mapping ---------------------------------------------------------------
    def _fail(self, exc: Exception, what: str) -> StorageError:
        from botocore.exceptions import BotoCoreError, ClientError

        if isinstance(exc, ClientError):
            err = exc.response.get("Error", {})
            code = str(err.get("Code", ""))
            status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
            if code in _AUTH_CODES or status == 403:
                return StorageError(
                    f"S3_ACCESS_KEY/S3_SECRET_KEY: rejected by {self.endpoint} "
                    f"while trying to {what} ({code or status})"
                )
            if status >= 500 or code in ("SlowDown", "ServiceUnavailable", "InternalError"):
                return StorageUnavailable(f"S3_ENDPOINT: {self.endpoint} failed to {what} ({code or status})")
            return StorageError(f"S3: cannot {what} ({code or status}: {err.get('Message', '')})")
        if isinstance(exc, (BotoCoreError, OSError)):
            return StorageUnavailable(f"S3_ENDPOINT: cannot reach {self.endpoint} to {what} ({exc.__class__.__name__})")
        return StorageError(f"S3: cannot {what} ({exc})")

    @staticmethod
    def _missing(exc: Exception) -> bool:
        from botocore.exceptions import ClientError

        if not isinstance(exc, ClientError):
            return False
        code = str(exc.response.get("Error", {}).get("Code", ""))
        return code in _MISSING or code == "NoSuchBucket"

    def check(self) -> str:
        """Reach the server and make sure the bucket exists; returns a description."""
        self._ready = False
        self._ensure_bucket()
        return f"bucket {self.bucket} at {self.endpoint}"

    def _ensure_bucket(self) -> None:
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            try:
                self.client.head_bucket(Bucket=self.bucket)
            except Exception as exc:
                if not self._missing(exc) and "404" not in str(exc):
                    raise self._fail(exc, f"open bucket {self.bucket}") from None
                try:
                    self.client.create_bucket(Bucket=self.bucket)
                except Exception as exc2:
                    code = getattr(exc2, "response", {}).get("Error", {}).get("Code", "")
                    if code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                        raise self._fail(exc2, f"create bucket {self.bucket}") from None
            self._ready = True

    # --- ObjectStore -----------------------------------------------------------------
    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        check_key(key)
        self._ensure_bucket()
        try:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)
        except Exception as exc:
            raise self._fail(exc, f"upload {key}") from None
        return key

    def get(self, key: str) -> bytes:
        self._ensure_bucket()
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except Exception as exc:
            if self._missing(exc):
                raise KeyError(key) from None
            raise self._fail(exc, f"download {key}") from None

    def delete(self, key: str) -> None:
        self._ensure_bucket()
        try:
            self.client.delete_object(Bucket=self.bucket, Key=key)
        except Exception as exc:
            if not self._missing(exc):
                raise self._fail(exc, f"delete {key}") from None

    def list(self, prefix: str = "") -> list[str]:
        self._ensure_bucket()
        keys: list[str] = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
            for page in pages:
                keys.extend(obj["Key"] for obj in page.get("Contents", []) or [])
        except Exception as exc:
            raise self._fail(exc, f"list {prefix or 'the bucket'}") from None
        return sorted(keys)

    def url(self, key: str, expires_s: int | None = None) -> str:
        """A presigned GET URL valid for expires_s (default PRESIGN_EXPIRY_S) seconds."""
        params: dict[str, Any] = {"Bucket": self.bucket, "Key": check_key(key)}
        try:
            return self.client.generate_presigned_url(
                "get_object", Params=params, ExpiresIn=int(expires_s or self.presign_expiry_s)
            )
        except Exception as exc:
            raise self._fail(exc, f"sign a URL for {key}") from None


__all__ = ["S3Store"]
