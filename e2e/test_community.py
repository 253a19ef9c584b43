"""A district's page as residents and staff meet it: from the places page to the district, its
population chart with its table in 和暦; staff enter a year's figures, confirm a large change,
write the 地区センター, and load a file of figures that has a wrong line. axe on every page."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.community import services
from tsunagaru.core.models import District

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_keep_a_districts_figures_and_a_resident_reads_them(
    page: Page, make_user, oshu, tmp_path
):
    staff = make_user(Role.CITY_STAFF, email="chiku@example.jp")
    inase = District.objects.get(slug="inase")
    services.figure_save(
        district=inase,
        data={
            "as_of": datetime.date(2024, 3, 31),
            "total": 3430,
            "households": 1185,
            "aged_65_over": 1345,
            "under_15": 338,
            "source": "住民基本台帳人口",
        },
        by=staff,
    )

    log_in(page, staff)
    page.goto(f"/community/{inase.pk}/")
    assert_accessible(page)
    page.locator(f"main a[href='/community/{inase.pk}/figures/new/']").click()
    assert_accessible(page)
    page.fill("#id_as_of", "2025-03-31")
    page.fill("#id_total", "34000")  # a digit too many
    page.fill("#id_households", "1180")
    page.fill("#id_aged_65_over", "1357")
    page.fill("#id_under_15", "327")
    page.fill("#id_source", "住民基本台帳人口（令和7年3月31日現在）")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main form")).to_contain_text("3,430")
    assert_accessible(page)
    page.fill("#id_total", "3371")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#population table")).to_contain_text("令和7年3月31日")
    expect(page.locator("#population table")).to_contain_text("3,371")

    # The 地区センター and its staff; a file of figures with a wrong line saves nothing.
    page.locator(f"main a[href='/community/{inase.pk}/centre/']").click()
    page.wait_for_url(f"**/community/{inase.pk}/centre/")
    assert_accessible(page)
    page.fill("#id_name", "稲瀬地区センター")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#centre")).to_contain_text("稲瀬地区センター")
    page.locator("main a[href='/community/figures/import/']").click()
    page.wait_for_url("**/community/figures/import/")
    assert_accessible(page)
    table = tmp_path / "figures.csv"
    table.write_bytes(
        "地区,基準日,総人口,世帯数,65歳以上,15歳未満,出典\n伊手,2025-13-01,1349,511,664,105,住基\n".encode(
            "cp932"
        )
    )
    page.set_input_files("#id_file", str(table))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#problems")).to_contain_text("2行目")
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto("/places/")
    page.locator(f"main a[href='/community/{inase.pk}/']").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("稲瀬")
    expect(page.locator("#population svg rect")).to_have_count(2)
    expect(page.locator(f"a[href='/community/{inase.pk}/figures/new/']")).to_have_count(0)
    assert_accessible(page)
