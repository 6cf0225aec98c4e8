"""Pikiran Rakyat Media Network (PRMN): ~200 ``*.pikiran-rakyat.com`` regional portals, one template.

Checked against a real page: ``zonajakarta.pikiran-rakyat.com`` (page 2 of 3, October 2020), in
../shared/fixtures/real. The host list below is the network menu of that page
(``.network__menu--more a``) plus hosts seen in public code; any ``*.pikiran-rakyat.com`` host is PRMN.
"""

from __future__ import annotations

import re
from typing import ClassVar

from newscrawl.parsing.article import ArticleParser, Pagination
from newscrawl.parsing.page import select, select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, collapse_ws, split_people
from newscrawl.urls import canonical_url, page_number

PORTALS: dict[str, str | None] = {
    "aksarajabar.pikiran-rakyat.com": "Aksara Jabar",
    "bagikanberita.pikiran-rakyat.com": "Bagikan Berita",
    "banjar.pikiran-rakyat.com": "PR Banjar",
    "bekasi.pikiran-rakyat.com": "PR Bekasi",
    "beritadiy.pikiran-rakyat.com": "Berita DIY",
    "beritakbb.pikiran-rakyat.com": "Berita KBB",
    "bogor.pikiran-rakyat.com": "PR Bogor",
    "bogorraya.pikiran-rakyat.com": None,
    "boltim.pikiran-rakyat.com": None,
    "bulukumba.pikiran-rakyat.com": "Berita Bulukumba",
    "buol.pikiran-rakyat.com": None,
    "cerdikindonesia.pikiran-rakyat.com": "Cerdik Indonesia",
    "ciamis.pikiran-rakyat.com": "PR Ciamis",
    "cianjur.pikiran-rakyat.com": "PR Cianjur",
    "cianjurpedia.pikiran-rakyat.com": "Cianjurpedia.com",
    "cimahi.pikiran-rakyat.com": "PR Cimahi",
    "cirebon.pikiran-rakyat.com": "PR Cirebon",
    "cirebonraya.pikiran-rakyat.com": "Cirebon Raya",
    "denpasarupdate.pikiran-rakyat.com": "Denpasar Update",
    "depok.pikiran-rakyat.com": "PR Depok",
    "deskjabar.pikiran-rakyat.com": "DeskJabar",
    "dialektikakuningan.pikiran-rakyat.com": "Dialektika Kuningan",
    "fixbanjarmasin.pikiran-rakyat.com": "Fix Banjarmasin",
    "fixindonesia.pikiran-rakyat.com": "Fix Indonesia",
    "fixjambi.pikiran-rakyat.com": "Fix Jambi",
    "fixmakassar.pikiran-rakyat.com": "Fix Makassar",
    "fixpadang.pikiran-rakyat.com": "Fix Padang",
    "fixpalembang.pikiran-rakyat.com": "Fix Palembang",
    "fixpekanbaru.pikiran-rakyat.com": "Fix Pekanbaru",
    "fixriaupesisir.pikiran-rakyat.com": "Fix Riau Pesisir",
    "flotim.pikiran-rakyat.com": None,
    "galajabar.pikiran-rakyat.com": "GalaJabar",
    "galamedia.pikiran-rakyat.com": "Galamedia News",
    "garut.pikiran-rakyat.com": "PR Garut",
    "halodepok.pikiran-rakyat.com": "Halo Depok",
    "haloyouth.pikiran-rakyat.com": "Haloyouth",
    "indobalinews.pikiran-rakyat.com": "Indo Bali News",
    "indramayu.pikiran-rakyat.com": "PR Indramayu",
    "insulteng.pikiran-rakyat.com": "iNSulteng",
    "isubogor.pikiran-rakyat.com": "Isu Bogor",
    "jabar.pikiran-rakyat.com": None,
    "jakbarnews.pikiran-rakyat.com": "Jakbar News",
    "jakpusnews.pikiran-rakyat.com": "Jakpus News",
    "jakselnews.pikiran-rakyat.com": "Jaksel News",
    "jateng.pikiran-rakyat.com": None,
    "jombangupdate.pikiran-rakyat.com": None,
    "jurnalarena.pikiran-rakyat.com": "Jurnal Arena",
    "jurnalgarut.pikiran-rakyat.com": "Jurnal Garut",
    "jurnalgaya.pikiran-rakyat.com": "Jurnal Gaya",
    "jurnalpalopo.pikiran-rakyat.com": "Jurnal Palopo",
    "jurnalpresisi.pikiran-rakyat.com": "Jurnal Presisi",
    "jurnalsoreang.pikiran-rakyat.com": "Jurnal Soreang",
    "jurnalsumsel.pikiran-rakyat.com": "Jurnal Sumsel",
    "jurnaltrip.pikiran-rakyat.com": "Jurnal Trip",
    "kabarbanten.pikiran-rakyat.com": "Kabar Banten",
    "kabarbesuki.pikiran-rakyat.com": "Kabar Besuki",
    "kabarjoglosemar.pikiran-rakyat.com": "Kabar Joglo Semar",
    "kabarlumajang.pikiran-rakyat.com": "Kabar Lumajang",
    "kabarpriangan.pikiran-rakyat.com": "Kabar Priangan",
    "kabartegal.pikiran-rakyat.com": "Kabar Tegal",
    "kaltarabicara.pikiran-rakyat.com": "KaltaraBicara",
    "karawang.pikiran-rakyat.com": "PR Karawang",
    "kendalku.pikiran-rakyat.com": "Kendalku",
    "kepri.pikiran-rakyat.com": None,
    "klaten.pikiran-rakyat.com": None,
    "klikseleb.pikiran-rakyat.com": "Klik Seleb",
    "koran.pikiran-rakyat.com": None,
    "kuningan.pikiran-rakyat.com": "PR Kuningan",
    "lamongantoday.pikiran-rakyat.com": "Lamongan Today",
    "lensabanyumas.pikiran-rakyat.com": "Lensa Banyumas",
    "lensapurbalingga.pikiran-rakyat.com": "Lensa Purbalingga",
    "lingkarkediri.pikiran-rakyat.com": "Lingkar Kediri",
    "lingkarmadiun.pikiran-rakyat.com": "Lingkar Madiun",
    "literasinews.pikiran-rakyat.com": "Literasi News",
    "lubuklinggau.pikiran-rakyat.com": None,
    "majalengka.pikiran-rakyat.com": "PR Majalengka",
    "malangterkini.pikiran-rakyat.com": None,
    "mantrasukabumi.pikiran-rakyat.com": "Mantra Sukabumi",
    "mediablitar.pikiran-rakyat.com": "Media Blitar",
    "mediapakuan.pikiran-rakyat.com": "Media Pakuan",
    "mikrofon.pikiran-rakyat.com": "Mikrofon Id",
    "moreschick.pikiran-rakyat.com": "Moreschick",
    "ntt.pikiran-rakyat.com": None,
    "pangandaran.pikiran-rakyat.com": "PR Pangandaran",
    "pojoknews.pikiran-rakyat.com": "Pojok News",
    "portalbandungtimur.pikiran-rakyat.com": "Portal Bandung Timur",
    "portalbangkabelitung.pikiran-rakyat.com": "Portal Bangka Belitung",
    "portaljember.pikiran-rakyat.com": "Portal Jember",
    "portaljogja.pikiran-rakyat.com": "Portal Jogja",
    "portaljombang.pikiran-rakyat.com": "Portal Jombang",
    "portalkudus.pikiran-rakyat.com": "Portal Kudus",
    "portallebak.pikiran-rakyat.com": "Portal Lebak",
    "portalmajalengka.pikiran-rakyat.com": "Portal Majalengka",
    "portalmalangraya.pikiran-rakyat.com": "Portal Malang Raya",
    "portalmaluku.pikiran-rakyat.com": "Portal Maluku",
    "portalpekalongan.pikiran-rakyat.com": None,
    "portalprobolinggo.pikiran-rakyat.com": "Portal Probolinggo",
    "portalpurwokerto.pikiran-rakyat.com": "Portal Purwokerto",
    "portalsulut.pikiran-rakyat.com": "Portal Sulut",
    "portalsurabaya.pikiran-rakyat.com": "Portal Surabaya",
    "potensibisnis.pikiran-rakyat.com": "Potensi Bisnis",
    "prbandungraya.pikiran-rakyat.com": "PR Bandung Raya",
    "prfmnews.pikiran-rakyat.com": "PRFM News",
    "prsoloraya.pikiran-rakyat.com": "PR Solo Raya",
    "purwakarta.pikiran-rakyat.com": "PR Purwakarta",
    "purwakartanews.pikiran-rakyat.com": "Purwakarta-News",
    "qeluarga.pikiran-rakyat.com": "Qeluarga",
    "rembangbicara.pikiran-rakyat.com": "Rembang Bicara",
    "ringtimesbali.pikiran-rakyat.com": "Ringtimes Bali",
    "ringtimesbanyuwangi.pikiran-rakyat.com": "Ringtimes Banyuwangi",
    "ruangterang.pikiran-rakyat.com": "Ruang Terang",
    "semarangku.pikiran-rakyat.com": "Semarangku",
    "sepasi.pikiran-rakyat.com": "Sepasi Media",
    "seputarlampung.pikiran-rakyat.com": "Seputar Lampung",
    "seputartangsel.pikiran-rakyat.com": "Seputar Tangsel",
    "sinarjateng.pikiran-rakyat.com": "Sinar Jateng",
    "soreang.pikiran-rakyat.com": None,
    "specialable.pikiran-rakyat.com": "Specialable",
    "sportaliga.pikiran-rakyat.com": "Sportaliga",
    "suaracimahi.pikiran-rakyat.com": "Suara Cimahi",
    "sukabumi.pikiran-rakyat.com": "PR Sukabumi",
    "sumedang.pikiran-rakyat.com": "PR Sumedang",
    "tasikmalaya.pikiran-rakyat.com": "PR Tasikmalaya",
    "temanggung.pikiran-rakyat.com": None,
    "wartalombok.pikiran-rakyat.com": "Warta Lombok",
    "wartapontianak.pikiran-rakyat.com": "Warta Pontianak",
    "www.pikiran-rakyat.com": "Pikiran Rakyat",
    "yogyakarta.pikiran-rakyat.com": None,
    "zonabanten.pikiran-rakyat.com": "Zona Banten",
    "zonajakarta.pikiran-rakyat.com": "Zona Jakarta",
    "zonapriangan.pikiran-rakyat.com": "Zona Priangan",
}

# Portals east of the WIB zone; their printed times without a zone are local (WITA/WIT).
HOST_OFFSETS = {
    host: "+08:00"
    for host in (
        "portalsulut.pikiran-rakyat.com",
        "fixmakassar.pikiran-rakyat.com",
        "jurnalpalopo.pikiran-rakyat.com",
        "bulukumba.pikiran-rakyat.com",
        "insulteng.pikiran-rakyat.com",
        "ringtimesbali.pikiran-rakyat.com",
        "denpasarupdate.pikiran-rakyat.com",
        "indobalinews.pikiran-rakyat.com",
        "wartalombok.pikiran-rakyat.com",
        "kaltarabicara.pikiran-rakyat.com",
        "fixbanjarmasin.pikiran-rakyat.com",
        "ntt.pikiran-rakyat.com",
        "flotim.pikiran-rakyat.com",
        "buol.pikiran-rakyat.com",
        "boltim.pikiran-rakyat.com",
    )
} | {"portalmaluku.pikiran-rakyat.com": "+09:00"}

_AMP = re.compile(r"^(/[\w-]+)/amp(/pr-\d+/)")


class PrmnParser(ArticleParser):
    """PRMN template rules; everything else is inherited from the generic layer."""

    network = "prmn"
    body_selectors = ("article.read__content", "div.read__article article", "div.read__article")
    date_selectors = ("div.read__info__date", "span.date_detail", "div.read__content span.date_detail")

    def headline(self) -> str:
        text = text_of(select_one(self.root, "h1.read__title")) or text_of(select_one(self.root, "div.read__title h1"))
        return text or self.fallback("headline", super().headline())

    def find_visible_date(self) -> str | None:
        for css in self.date_selectors:
            text = text_of(select_one(self.root, css))
            if text:
                return text
        return self.fallback("published_at", super().find_visible_date())

    def authors(self) -> list[str]:
        node = select_one(self.root, "div.read__info__author")
        if node is not None:
            links = [text_of(a) for a in node.iter("a")] or [text_of(node)]
            names = [n for link in links for n in split_people(link) if n]
            if names:
                return names
        return self.fallback("authors", super().authors())

    def editor(self) -> str | None:
        for node in select(self.root, "span.read_contributor"):
            text = text_of(node)
            if text.lower().startswith("editor"):
                return clean_person(text) or None
        label = self.labelled_lines.get("editor")
        if label:
            return clean_person(label)
        return self.fallback("editor", super().editor())

    def source(self) -> str | None:
        label = self.labelled_lines.get("sumber")
        if label:
            return collapse_ws(label)
        return self.fallback("source", super().source())

    def tags(self) -> list[str]:
        return self.texts("section.read__tagging a") or self.fallback("tags", super().tags())

    def category(self) -> str | None:
        crumbs = [c for c in self.texts(".breadcrumb__wrap a.breadcrumb__link") if c.lower() != "home"]
        if crumbs:
            return crumbs[-1]
        return self.fallback("category", super().category())

    def image_caption(self) -> str | None:
        text = text_of(select_one(self.root, "section div.photo div.photo__caption")) or text_of(
            select_one(self.root, "div.photo__caption")
        )
        return text or self.fallback("image_caption", super().image_caption())

    def pagination(self) -> Pagination:
        current = page_number(self.page.url) or 1
        links: dict[int, str] = {}
        canonical = self.canonical_url()
        for item in select(self.root, "div.paging__wrap div.paging__item"):
            anchor = item.find(".//a")
            if anchor is None:
                continue
            label = text_of(anchor)
            if not label.isdigit():
                continue
            number = int(label)
            if "paging__link--active" in (anchor.get("class") or ""):
                current = number
            href = self.absolute(anchor.get("href")) or ""
            if href and not href.endswith("#") and canonical_url(href) == canonical:
                links[number] = href
        total = max([current, *links]) if links else current
        all_requested = "page=all" in self.page.url
        # ?page=all honoured: the answer has no pager of its own.
        complete = total == 1 or (all_requested and not links)
        return Pagination(current=current, total=total, links=links, complete=complete)


class Prmn(Network):
    name = "prmn"
    title = "Pikiran Rakyat Media Network"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)*pikiran-rakyat\.com")
    article_path = re.compile(r"^/[\w-]+/(?:amp/)?pr-\d{5,14}/[\w-]+")
    parser = PrmnParser
    host_offsets = HOST_OFFSETS
    full_text_param = ("page", "all")
    real_pages = ("zonajakarta.pikiran-rakyat.com/pr-18808737-trump-covid-page2.html",)
    discovery = ("robots.txt", "sitemap", "indeks-berita", "homepage ?page=N", "network menu")
    listing_paths = ("/indeks-berita", "/")
    menu_selector = ".network__menu--more a"
    home_host = "www.pikiran-rakyat.com"
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "editor": 0.9, "authors": 0.8, "body": 1.0}

    @staticmethod
    def to_canonical(url: str) -> str:
        url = canonical_url(url)
        scheme, rest = url.split("://", 1)
        host, _, path = rest.partition("/")
        path = _AMP.sub(r"\1\2", "/" + path)
        return f"{scheme}://{host}{path}"

    def canonicalize(self, url: str) -> str:
        return self.to_canonical(url)
