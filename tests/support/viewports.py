"""The screen sizes every browser test that checks layout or accessibility runs at (CSS px)."""

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 800}
# axe and headings: the smallest and the largest layout.
AXE_SIZES = {"phone": PHONE, "desktop": DESKTOP}
