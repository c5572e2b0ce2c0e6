"""The monev instruments an office starts with, written as the Dinas and the ministry's
Kemitraan material write them: Telaah RPP (1 Tidak ada / 2 Kurang lengkap / 3 Lengkap,
with Catatan), Observasi Pembelajaran (0-4, with pra- and pasca-observasi questions) and
Supervisi Kepala Sekolah (Permendiknas 13/2007: manajerial, supervisi, kewirausahaan).

The bands that turn a percentage into a predikat follow the supervision instruments
offices use (Amat baik 91-100, Baik 81-90, Cukup 71-80, Kurang 70 and below); an office
that uses other bands saves a new version of the form with its own."""

from __future__ import annotations

# Lower bound of each band, highest first: a percentage takes the first band it reaches.
CATEGORIES = ({"min": 91, "label": "Amat baik"}, {"min": 81, "label": "Baik"},
              {"min": 71, "label": "Cukup"}, {"min": 0, "label": "Kurang"})


def _items(prefix: str, section: str, texts: list[str], low: int, high: int) -> list[dict]:
    return [{"id": f"{prefix}{n}", "section": section, "text": text, "min": low, "max": high}
            for n, text in enumerate(texts, start=1)]


def _telaah_rpp() -> dict:
    sections = [
        ("A", "Identitas dan kelengkapan komponen", [
            "Mencantumkan satuan pendidikan, mata pelajaran, kelas/semester, materi pokok, "
            "dan alokasi waktu",
            "Memuat KD, indikator pencapaian kompetensi (IPK), tujuan, materi, metode, media, "
            "sumber belajar, langkah pembelajaran, dan penilaian beserta lampirannya"]),
        ("B", "Kompetensi Dasar dan Indikator", [
            "Memuat pasangan KD dari KI-3 dan KI-4 sesuai ketentuan yang berlaku",
            "IPK dijabarkan dari KD dan dirumuskan dengan kata kerja operasional yang dapat "
            "diukur",
            "IPK mencakup dimensi pengetahuan dan keterampilan sesuai tuntutan KD"]),
        ("C", "Tujuan pembelajaran", [
            "Tujuan pembelajaran dirumuskan berdasarkan IPK",
            "Tujuan memuat peserta didik, perilaku yang diharapkan, kondisi, dan derajat "
            "ketercapaian"]),
        ("D", "Materi pembelajaran", [
            "Materi memuat fakta, konsep, prinsip, dan prosedur yang relevan dengan IPK",
            "Materi sesuai dengan tujuan pembelajaran dan karakteristik peserta didik"]),
        ("E", "Metode pembelajaran", [
            "Model dan metode pembelajaran sesuai dengan tujuan dan karakteristik materi",
            "Menerapkan pendekatan saintifik dan pembelajaran berorientasi keterampilan "
            "berpikir tingkat tinggi (HOTS)"]),
        ("F", "Media, alat, dan sumber belajar", [
            "Media dan alat pembelajaran sesuai dengan tujuan dan materi",
            "Sumber belajar dicantumkan dengan jelas (buku, media cetak/elektronik, "
            "lingkungan, narasumber)"]),
        ("G", "Langkah-langkah pembelajaran", [
            "Kegiatan pendahuluan memuat orientasi, apersepsi, motivasi, dan penyampaian "
            "tujuan pembelajaran",
            "Kegiatan inti sesuai dengan sintaks model pembelajaran yang dipilih",
            "Kegiatan inti mengintegrasikan penguatan pendidikan karakter (PPK), literasi, "
            "dan keterampilan abad 21 (4C)",
            "Kegiatan penutup memuat rangkuman, refleksi, umpan balik, dan tindak lanjut",
            "Alokasi waktu setiap kegiatan dicantumkan dan sesuai"]),
        ("H", "Penilaian", [
            "Teknik dan instrumen penilaian sikap, pengetahuan, dan keterampilan sesuai "
            "dengan IPK",
            "Instrumen penilaian dilengkapi kunci jawaban, rubrik, dan pedoman penskoran",
            "Memuat rencana pembelajaran remedial dan pengayaan"]),
    ]
    items = [item for prefix, section, texts in sections
             for item in _items(prefix, section, texts, 1, 3)]
    return {
        "code": "telaah-rpp", "name": "Telaah RPP", "audience": "guru",
        "scale": {"min": 1, "max": 3, "item_notes": True,
                  "labels": {"1": "Tidak ada", "2": "Kurang lengkap", "3": "Lengkap"},
                  "categories": [dict(c) for c in CATEGORIES]},
        "items": items, "stages": [],
    }


_PRA_OBSERVASI = [
    "Kompetensi dasar dan tujuan pembelajaran apa yang akan dicapai dalam pembelajaran "
    "yang akan diamati?",
    "Model, metode, dan langkah pembelajaran apa yang akan digunakan? Mengapa memilihnya?",
    "Bagaimana karakteristik peserta didik di kelas ini? Adakah yang memerlukan perhatian "
    "khusus?",
    "Kesulitan apa yang diperkirakan muncul, dan bagaimana mengatasinya?",
    "Bagaimana cara mengetahui bahwa tujuan pembelajaran tercapai (teknik dan instrumen "
    "penilaian)?",
    "Aspek apa yang Bapak/Ibu minta untuk diamati secara khusus oleh observer?",
]
_PASCA_OBSERVASI = [
    "Bagaimana perasaan Bapak/Ibu setelah melaksanakan pembelajaran tadi?",
    "Apakah tujuan pembelajaran tercapai? Apa buktinya?",
    "Bagian mana yang berjalan sesuai rencana, dan bagian mana yang tidak? Mengapa?",
    "Apa yang akan dipertahankan dan apa yang akan diperbaiki pada pembelajaran berikutnya?",
    "Kesepakatan tindak lanjut antara guru dan observer:",
]


def _observasi() -> dict:
    sections = [
        ("A", "Persiapan", [
            "Membawa RPP yang sesuai dengan pembelajaran yang dilaksanakan",
            "Menyiapkan media, alat, dan sumber belajar sebelum pembelajaran dimulai",
            "Menata ruang kelas dan tempat duduk sesuai kegiatan yang direncanakan"]),
        ("B", "Pendahuluan", [
            "Mengondisikan suasana belajar yang menyenangkan (salam, doa, memeriksa "
            "kehadiran)",
            "Melakukan apersepsi: mengaitkan materi dengan pengetahuan sebelumnya atau "
            "pengalaman peserta didik",
            "Memotivasi peserta didik dan menyampaikan manfaat materi dalam kehidupan "
            "sehari-hari",
            "Menyampaikan tujuan pembelajaran atau kompetensi yang akan dicapai",
            "Menyampaikan garis besar kegiatan dan teknik penilaian yang akan digunakan"]),
        ("C", "Kegiatan Inti", [
            "Menguasai materi dan menyajikannya secara runtut dan jelas",
            "Mengaitkan materi dengan pengetahuan lain yang relevan dan dengan kehidupan nyata",
            "Melaksanakan langkah pembelajaran sesuai sintaks model dalam RPP",
            "Memfasilitasi peserta didik mengamati, menanya, mencoba, menalar, dan "
            "mengomunikasikan",
            "Mengembangkan keterampilan berpikir kritis, kreatif, kolaborasi, dan komunikasi "
            "(4C)",
            "Mengintegrasikan penguatan pendidikan karakter (PPK) dan literasi",
            "Menggunakan media dan sumber belajar secara efektif dan efisien",
            "Melibatkan peserta didik secara aktif dalam pembelajaran",
            "Memantau kemajuan belajar dan memberi umpan balik selama pembelajaran",
            "Menggunakan bahasa lisan dan tulis yang jelas, baik, dan benar"]),
        ("D", "Penutup", [
            "Bersama peserta didik membuat rangkuman atau simpulan pembelajaran",
            "Melakukan penilaian dan refleksi terhadap kegiatan yang sudah dilaksanakan",
            "Memberikan umpan balik dan tindak lanjut (tugas, remedial, pengayaan)",
            "Menyampaikan rencana pembelajaran pada pertemuan berikutnya"]),
        ("E", "Pengelolaan Pembelajaran", [
            "Menguasai kelas dan menjaga suasana belajar yang tertib",
            "Menumbuhkan keceriaan dan antusiasme peserta didik dalam belajar",
            "Menunjukkan sikap terbuka terhadap respons peserta didik",
            "Membimbing kerja kelompok atau individu dan membantu peserta didik yang "
            "mengalami kesulitan",
            "Memulai dan mengakhiri pembelajaran tepat waktu sesuai alokasi"]),
    ]
    items = [item for prefix, section, texts in sections
             for item in _items(prefix, section, texts, 0, 4)]
    return {
        "code": "observasi", "name": "Observasi Pembelajaran", "audience": "guru",
        "scale": {"min": 0, "max": 4, "item_notes": True,
                  "labels": {"0": "Tidak dilakukan", "1": "Kurang", "2": "Cukup",
                             "3": "Baik", "4": "Sangat baik"},
                  "meanings": {
                      "0": "tidak dilakukan sama sekali",
                      "1": "dilakukan sebagian kecil atau belum sesuai",
                      "2": "dilakukan sebagian dan cukup sesuai",
                      "3": "dilakukan hampir seluruhnya dan sesuai",
                      "4": "dilakukan seluruhnya dengan tepat dan konsisten"},
                  "categories": [dict(c) for c in CATEGORIES]},
        "items": items,
        "stages": [
            {"code": "pra-observasi", "name": "Pra-observasi",
             "questions": [{"id": f"PRA{n}", "text": t}
                           for n, t in enumerate(_PRA_OBSERVASI, start=1)]},
            {"code": "observasi", "name": "Observasi", "questions": []},
            {"code": "pasca-observasi", "name": "Pasca-observasi",
             "questions": [{"id": f"PASCA{n}", "text": t}
                           for n, t in enumerate(_PASCA_OBSERVASI, start=1)]},
        ],
    }


def _supervisi_kepsek() -> dict:
    sections = [
        ("M", "Manajerial", [
            "Menyusun perencanaan sekolah (RKJM, RKT, RKAS) bersama warga sekolah dan komite",
            "Mengelola kurikulum dan kegiatan pembelajaran sesuai standar nasional pendidikan",
            "Mengelola guru dan tenaga kependidikan untuk pendayagunaan sumber daya manusia "
            "secara optimal",
            "Mengelola sarana dan prasarana sekolah untuk pendayagunaan secara optimal",
            "Mengelola keuangan sekolah secara akuntabel, transparan, dan efisien",
            "Mengelola hubungan sekolah dengan orang tua, komite, dan masyarakat",
            "Mengelola peserta didik: penerimaan, penempatan, dan pengembangan kapasitas",
            "Mengelola sistem informasi sekolah untuk mendukung program dan pengambilan "
            "keputusan",
            "Melakukan monitoring, evaluasi, dan pelaporan pelaksanaan program sekolah"]),
        ("S", "Supervisi", [
            "Merencanakan program supervisi akademik untuk peningkatan profesionalisme guru",
            "Melaksanakan supervisi akademik terhadap guru dengan pendekatan dan teknik yang "
            "tepat",
            "Menindaklanjuti hasil supervisi akademik untuk peningkatan profesionalisme guru"]),
        ("K", "Kewirausahaan", [
            "Menciptakan inovasi yang berguna bagi pengembangan sekolah",
            "Bekerja keras mencapai keberhasilan sekolah sebagai organisasi pembelajar yang "
            "efektif",
            "Memiliki motivasi yang kuat untuk sukses dalam melaksanakan tugas pokok dan fungsi",
            "Pantang menyerah dan selalu mencari solusi terbaik dalam menghadapi kendala",
            "Mengelola kegiatan produksi/jasa sekolah sebagai sumber belajar peserta didik"]),
    ]
    items = [item for prefix, section, texts in sections
             for item in _items(prefix, section, texts, 1, 4)]
    return {
        "code": "supervisi-kepsek", "name": "Supervisi Kepala Sekolah",
        "audience": "kepala sekolah",
        "scale": {"min": 1, "max": 4, "item_notes": True,
                  "labels": {"1": "Kurang", "2": "Cukup", "3": "Baik", "4": "Amat baik"},
                  "categories": [dict(c) for c in CATEGORIES]},
        "items": items, "stages": [],
    }


def default_forms() -> list[dict]:
    """Fresh copies of the default forms' definitions, in the order they are listed."""
    return [_telaah_rpp(), _observasi(), _supervisi_kepsek()]
