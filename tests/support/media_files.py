"""Small media files made by the tests themselves: a JPEG with GPS EXIF, a WAV, an MP4 whose
``udta`` box holds a location, an MP3 with ID3 tags. Each carries :data:`SECRET` in its
metadata, so that a test can say the published copy does not."""

from __future__ import annotations

import io
import math
import struct
import wave

SECRET = b"Secret-Source-Phone"
"""Written into every file's metadata (camera maker, artist, title...)."""
LOCATION = b"+51.5072-000.1276/"
"""An ISO 6709 location, as phones write it into a video's ``\xa9xyz`` box."""


def jpeg_with_gps(width: int = 1200, height: int = 800, *, orientation: int = 1) -> bytes:
    """A photo-like JPEG whose EXIF names a phone and a place (GPS latitude and longitude)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (70, 110, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(60, 80, 70))
    draw.ellipse((width // 10, height // 10, width // 4, height // 3), fill=(250, 220, 120))
    exif = Image.Exif()
    exif[0x010F] = SECRET.decode()  # Make
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, 26.0)
    gps[3], gps[4] = "W", (0.0, 7.0, 39.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90, comment=SECRET)
    return out.getvalue()


def wav(seconds: float = 3.0, rate: int = 8000) -> bytes:
    """A mono WAV tone, with a LIST/INFO chunk naming an artist."""
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        frames = int(seconds * rate)
        writer.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                for i in range(frames)
            )
        )
    data = out.getvalue()
    text = SECRET + b"\0"
    info = b"INFO" + b"IART" + struct.pack("<I", len(text)) + text
    chunk = b"LIST" + struct.pack("<I", len(info)) + info
    return data[:4] + struct.pack("<I", len(data) - 8 + len(chunk)) + data[8:] + chunk


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(handler: bytes = b"vide") -> bytes:
    """The skeleton of an MP4 (ftyp, moov with one track, udta with a location and a title,
    mdat): enough for the container to be read and stripped, not to play."""
    ftyp = box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2mp41")
    hdlr = box(b"hdlr", bytes(8) + handler + bytes(12) + b"Handler\0")
    trak = box(b"trak", box(b"tkhd", bytes(84)) + box(b"mdia", hdlr))
    xyz = box(b"\xa9xyz", struct.pack(">HH", len(LOCATION), 0x15C7) + LOCATION)
    title = box(b"\xa9nam", struct.pack(">HH", len(SECRET), 0) + SECRET)
    moov = box(b"moov", box(b"mvhd", bytes(100)) + trak + box(b"udta", xyz + title))
    return ftyp + moov + box(b"mdat", bytes(256))


MP3_FRAME = b"\xff\xfb\x90\x00" + bytes(413)
"""One silent MPEG-1 layer III frame: 128 kbit/s at 44.1 kHz is 417 bytes."""


def mp3() -> bytes:
    """An MP3 with an ID3v2 tag (a title) before its frames and an ID3v1 tag after them."""
    frame = b"TIT2" + struct.pack(">I", len(SECRET) + 1) + b"\0\0" + b"\0" + SECRET
    size = len(frame)
    synchsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    id3v2 = b"ID3\x04\x00\x00" + synchsafe + frame
    id3v1 = b"TAG" + SECRET.ljust(125, b"\0")
    return id3v2 + MP3_FRAME * 4 + id3v1
