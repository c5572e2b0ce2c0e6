"""Guru & Kepala Sekolah: the people page, the person form, the roster import wizard."""
