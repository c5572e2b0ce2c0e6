"""The paper an activity needs beyond the daftar hadir and certificates: letters, the
daftar penerimaan, name tags, the laporan kegiatan (issue 19)."""
