#!/usr/bin/env python3
"""Generates knot-body/data/chart.toml: a tiled body chart, front and back.

Run from anywhere: `python3 tools/chartgen.py [OUT]` (needs numpy and shapely); it reads
regions.toml beside chart.toml and writes chart.toml unless OUT is given.

Design units: head top y=0, ankles ~762, person's right half only (x >= 0 = outward).
Parts are painted in priority order (earlier wins); each part is cut into faces by
polylines (polygonize), faces are labelled by seed points.
"""
import math, os, sys, re
from collections import defaultdict
import numpy as np
from shapely.geometry import Polygon, LineString, Point, box, MultiPolygon
from shapely.ops import unary_union, polygonize
from shapely import affinity

SCALE = 1.1
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "knot-body", "data")
RIGHT = box(0, -50, 400, 1000)
WARN = []


def cr(pts, closed=False, step=2.0):
    P = [np.array(p, float) for p in pts]
    if closed:
        P = [P[-1]] + P + [P[0], P[1]]
    else:
        P = [2 * P[0] - P[1]] + P + [2 * P[-1] - P[-2]]
    out = []
    for i in range(1, len(P) - 2):
        p0, p1, p2, p3 = P[i - 1], P[i], P[i + 1], P[i + 2]
        k = max(2, int(np.linalg.norm(p2 - p1) / step))
        for j in range(k):
            t = j / k
            out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t
                              + (-p0 + 3 * p1 - 3 * p2 + p3) * t ** 3))
    if not closed:
        out.append(P[-2])
    return [tuple(p) for p in out]


def L(*pts):
    return LineString(cr(pts))


def S(*pts):  # straight polyline
    return LineString(pts)


def spoly(*pts):
    return Polygon(cr(pts, closed=True)).buffer(0)


def path_poly(*segs):
    out = []
    for s in segs:
        out += cr(s) if len(s) > 2 else list(s)
    return Polygon(out).buffer(0)


def ellipse(cx, cy, rx, ry, rot=0):
    e = affinity.scale(Point(0, 0).buffer(1, 32), rx, ry)
    e = affinity.rotate(e, rot, origin=(0, 0))
    return affinity.translate(e, cx, cy)


def capsule(p, q, r):
    return LineString([p, q]).buffer(r, 24)


def paint(parts):
    done, acc = {}, None
    for name, g in parts:
        g = g.buffer(0)
        if acc is not None:
            g = g.difference(acc)
        done[name] = g
        acc = g if acc is None else unary_union([acc, g])
    return done


def divide(part, cuts, seeds, tag):
    if part.is_empty:
        WARN.append(f"{tag}: empty part")
        return {}
    merged = unary_union([part.boundary] + list(cuts))
    faces = [f for f in polygonize(merged) if f.area > 1e-3 and part.contains(f.representative_point())]
    lab = {}
    for i, f in enumerate(faces):
        hits = sorted({r for r, (x, y) in seeds if f.contains(Point(x, y))})
        if len(hits) > 1:
            WARN.append(f"{tag}: face {f.representative_point()} has seeds {hits}")
        if hits:
            lab[i] = hits[0]
    # merge unlabelled faces into the labelled neighbour with the longest shared border
    for _ in range(5):
        for i, f in enumerate(faces):
            if i in lab:
                continue
            best, bl = None, 0.0
            for j, g in enumerate(faces):
                if j in lab:
                    l = f.boundary.intersection(g.boundary).length
                    if l > bl:
                        best, bl = j, l
            if best is not None:
                if f.area > 4:
                    WARN.append(f"{tag}: unlabelled face area {f.area:.1f} at {f.representative_point()} -> {lab[best]}")
                lab[i] = lab[best]
    res = defaultdict(list)
    for i, r in lab.items():
        res[r].append(faces[i])
    for r, _ in seeds:
        if r not in res:
            WARN.append(f"{tag}: seed {r} matched nothing")
    return {r: unary_union(fs) for r, fs in res.items()}


# ------------------------------------------------------------------ shared contours
def trunk_poly(view):
    neck = [(0, 78), (19.5, 80)] if view == "front" else [(0, 86), (12, 86.5), (19.5, 88)]
    A = neck[-1:] + [(20.5, 95), (21.5, 110), (24, 122), (31, 130), (45, 135), (62, 139), (78, 143),
                     (92, 147), (103, 153), (111, 162), (116, 175), (118.5, 190), (119, 200)]
    B = [(119, 200), (113, 206), (104, 209), (95, 207), (88, 202), (86, 200)]
    C = [(86, 200), (86.5, 225), (84, 255), (78, 285), (74, 305), (74.5, 322), (79, 345), (85, 370),
         (89.5, 395), (91, 415), (90.5, 445), (88, 485), (82, 525), (77, 555), (75, 575), (74.5, 595),
         (77, 620), (76, 660), (68, 705), (58, 740), (54, 752), (53, 762)]
    if view == "front":
        crotch = [(12, 475), (7, 440), (3, 420), (0, 413)]
    else:
        crotch = [(12, 475), (8, 462), (3, 452), (0, 448)]
    E = [(33, 762), (31, 745), (28, 710), (25, 670), (23.5, 635), (22.5, 605), (21, 580), (20, 560),
         (17, 520)] + crotch
    pts = neck[:-1] + cr(A) + cr(B)[1:] + cr(C)[1:] + cr(E)
    return Polygon(pts).buffer(0)


ARM_OUT = [(100, 148), (112, 162), (118, 185), (122, 210), (125, 240), (128, 270), (129, 298),
           (133, 325), (138, 352), (142, 378), (144.3, 403.2)]
ARM_IN = [(123.7, 406.8), (122, 396), (118, 376), (112, 350), (106, 325), (102, 303), (99, 280),
          (95, 250), (91, 225), (87, 205), (84, 195)]
out_c = cr(ARM_OUT)
in_c = cr(ARM_IN)


def xat(cont, y):
    for (x0, y0), (x1, y1) in zip(cont, cont[1:]):
        if min(y0, y1) <= y <= max(y0, y1) and y0 != y1:
            return x0 + (x1 - x0) * (y - y0) / (y1 - y0)
    a, b = (cont[0], cont[1]) if abs(y - cont[0][1]) < abs(y - cont[-1][1]) else (cont[-2], cont[-1])
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1])


def between(frac, y0, y1):
    ys = np.arange(y0, y1 + 0.01, 3)
    return LineString([(xat(in_c, y) + frac * (xat(out_c, y) - xat(in_c, y)), y) for y in ys])


def at(frac, y):
    return (xat(in_c, y) + frac * (xat(out_c, y) - xat(in_c, y)), y)


def cross(y):
    c = np.array(at(0.5, y))
    u = np.array([0.985, -0.174])
    return LineString([tuple(c - 25 * u), tuple(c + 25 * u)])


def arm_poly():
    return Polygon(out_c + in_c + [(80, 170), (90, 150)]).buffer(0)


# hand frame
W = np.array([134.0, 405.0])
HU = np.array([0.985, -0.174])
HD = np.array([0.174, 0.985])


def H(u, v):
    p = W + u * HU + v * HD
    return (float(p[0]), float(p[1]))


def hpoly(*pts):
    return Polygon(cr([H(*p) for p in pts], closed=True)).buffer(0)


def hline(*pts):
    return LineString(cr([H(*p) for p in pts]))


PALM = [(-10.5, -3), (10.5, -3), (13, 6), (15.5, 18), (16, 30), (15, 41), (11, 43.5), (4, 45),
        (-4, 44.5), (-10, 42), (-14, 38.5), (-14.5, 30), (-13.5, 18), (-12, 6)]
FINGERS = [("index", (10.8, 38), (13.6, 78), 4.1), ("middle", (3.4, 40), (4.1, 83), 4.3),
           ("ring", (-4.1, 39), (-5.4, 79), 4.1), ("little", (-11.0, 36), (-13.8, 70), 3.6)]
THUMB = ((12.5, 10), (25.5, 41), 4.9)


# A finger is too narrow to cut a side strip out of it that can still be tapped: on the palm view
# the index and little fingers are drawn wider on their outer border (a strip laid along the
# finger), and a cut parallel to the finger's axis parts the finger from its side.
FINGER_SIDES = {"index": ("index-finger-side", +1), "little": ("little-finger-side", -1)}
SIDE_R, SIDE_OVERLAP = 3.0, 1.6


def finger_frame(finger):
    _, a, b, fr = next(f for f in FINGERS if f[0] == finger)
    a, b = np.array(a), np.array(b)
    d = (b - a) / np.linalg.norm(b - a)
    n = FINGER_SIDES[finger][1] * np.array([d[1], -d[0]])
    return a, b, d, n, fr


def widened_finger(finger):
    a, b, d, n, fr = finger_frame(finger)
    off = fr + SIDE_R - SIDE_OVERLAP
    strip = capsule(H(*(a + 6 * d + off * n)), H(*(b - 1.5 * d + off * n)), SIDE_R)
    return unary_union([capsule(H(*a), H(*b), fr), strip])


def split_finger(part, finger):
    a, b, d, n, fr = finger_frame(finger)
    off = fr - SIDE_OVERLAP
    cut = LineString([H(*(a - 10 * d + off * n)), H(*(b + 10 * d + off * n))])
    side_id = FINGER_SIDES[finger][0]
    seeds = [(f"{finger}-finger-front", H(*(a + 20 * d))),
             (side_id, H(*(a + 20 * d + (fr + SIDE_R - SIDE_OVERLAP) * n)))]
    return divide(part, [cut], seeds, side_id)


def hand_parts(view):
    side = "front" if view == "front" else "back"
    parts = [("palm", hpoly(*PALM))]
    parts.append((f"thumb-{side}", capsule(H(*THUMB[0]), H(*THUMB[1]), THUMB[2])))
    for n, a, b, r in FINGERS:
        shape = widened_finger(n) if view == "front" and n in FINGER_SIDES else capsule(H(*a), H(*b), r)
        parts.append((f"{n}-finger-{side}", shape))
    return parts


# ------------------------------------------------------------------ views
HEAD = spoly((0, 0), (16, 2.5), (28, 9), (35, 20), (38.5, 34), (39, 48), (38, 60), (36, 70), (33, 80),
             (27.5, 90), (19, 97.5), (9, 101.5), (0, 102.5), (-9, 101.5), (-19, 97.5), (-27.5, 90),
             (-33, 80), (-36, 70), (-38, 60), (-39, 48), (-38.5, 34), (-35, 20), (-28, 9), (-16, 2.5))
EAR = spoly((37, 47), (41, 43), (45.5, 45), (47, 53), (46, 62), (43.5, 70), (40, 75), (36.5, 74))


def front():
    head = HEAD.intersection(RIGHT)
    parts = paint([
        ("head", head),
        ("ear", EAR),
        ("armpit", ellipse(88, 201, 7.5, 10.5).intersection(unary_union([trunk_poly("front"), arm_poly()]))),
        ("groin", spoly((10, 407), (20, 397), (35, 389), (52, 379), (66, 370), (73, 366), (75, 372), (68, 382), (54, 392), (38, 401), (22, 409), (13, 411.5))),
        ("kneecap", ellipse(47, 577, 13, 17)),
        ("trunk", trunk_poly("front").intersection(RIGHT)),
        ("arm", arm_poly()),
    ] + hand_parts("front") + [
        ("foot", spoly((34.5, 757), (31.5, 770), (29, 782), (27, 796), (30, 801), (45, 800), (58, 798),
                       (64.5, 797), (64, 786), (60, 772), (52, 757))),
        ("big-toe-top", ellipse(30.5, 806, 6.2, 9.5)),
        ("toes-top", unary_union([ellipse(40.5, 805, 4.4, 8), ellipse(48.5, 804, 4.2, 7.5),
                                  ellipse(56, 802.5, 3.9, 6.8), ellipse(62.3, 800.5, 3.4, 6)])),
    ])
    R = {}
    R["ear"] = parts["ear"]
    R["armpit"] = parts["armpit"]
    R["groin"] = parts["groin"]
    R["kneecap"] = parts["kneecap"]
    R["top-of-foot"] = parts["foot"]
    R["big-toe-top"] = parts["big-toe-top"]
    R["toes-top"] = parts["toes-top"]
    # ---- face: painted features, then cuts
    face = paint([
        ("_nose", Polygon(cr([(0, 46), (2.5, 47), (3.8, 55), (5.5, 63), (7.5, 68), (6.5, 71.5), (3, 72.5), (0, 72.5)]))),
        ("eyebrow", L((5, 42.5), (12, 39.5), (19, 38.8), (25, 39.7), (30.5, 43)).buffer(3.5, 16)),
        ("eye", spoly((6.5, 50), (7, 43), (16, 38), (26, 40), (30.5, 46.5), (26, 51), (21, 54), (16, 55), (11, 54))),
        ("upper-lip", Polygon([(0, 72.5), (3, 72.5), (6.5, 71.5), (10, 72.5), (13, 75.5), (14.5, 79.5), (8, 80), (0, 80)])),
        # drawn up under the lip so that the two share one border
        ("mouth", Polygon(cr([(0, 77), (8, 77), (13.5, 78.5), (16, 84), (14.5, 90), (8, 93), (0, 93.5)]) + [(0, 93.5)])),
        ("rest", head),
    ])
    face = {k: v.intersection(head) for k, v in face.items()}
    R["eye"] = face["eye"]
    R["eyebrow"] = face["eyebrow"]
    R["nose"] = face["_nose"]
    R["upper-lip"] = face["upper-lip"]
    mouth = paint([("inside-mouth", ellipse(0, 86, 7, 4.2)), ("teeth", face["mouth"])])
    R["inside-mouth"] = mouth["inside-mouth"].intersection(face["mouth"])
    R.update(divide(mouth["teeth"], [S((-1, 86), (20, 86))], [("upper-teeth", (11, 83)), ("lower-teeth", (10, 89.5))], "mouth"))
    cuts = [
        L((-1, 46.6), (2, 46.8), (5, 47), (7.5, 47.5)),                       # forehead bottom (glabella)
        L((26, 4), (28.5, 18), (30, 30), (30.5, 40)),                      # temple medial
        L((29, 41), (31.5, 48), (32.5, 57), (31.5, 65), (29, 71.5), (24, 76.5), (18, 79.5), (13, 81.5)),  # cheek lat/bottom
        L((32, 56), (36, 57.5), (40, 59)),                                 # temple bottom
        L((29, 67), (31, 68.5), (34, 70), (38, 72), (42, 74)),                       # tmj bottom
        L((26, 70), (27.5, 76), (27, 86), (29, 93)),                       # jaw-angle medial
        L((12, 86), (12.5, 93), (13.5, 99), (15, 104)),                    # chin lateral
    ]
    R.update(divide(face["rest"], cuts, [
        ("forehead", (12, 20)), ("temple", (34, 35)), ("cheek", (20, 65)), ("cheek", (9, 70)), ("tmj", (35, 63)),
        ("jaw-angle", (31.5, 80)), ("jaw", (21, 88)), ("chin", (4, 95))], "face"))
    # ---- trunk
    tc = [
        L((-2, 139), (12, 137), (30, 140.5), (50, 142), (66, 144), (78, 147), (82, 149)),
        L((74, 138), (78, 150), (82, 168), (85, 185), (87, 196)),
        L((98, 146), (104, 158), (109, 175), (112, 192), (114, 204), (115, 214)),
        S((9, 85), (9, 268)),
        L((16, 85), (16.5, 105), (18.5, 122), (22, 132), (26, 138), (28, 143)),
        L((7, 172), (30, 174), (55, 174), (72, 172), (86, 172)),
        L((7, 252), (25, 252), (45, 250), (60, 244), (70, 237), (76, 233)),
        L((84, 200), (76, 208), (71, 225), (71.5, 255), (70, 280), (69, 295), (72, 303), (80, 307)),
        S((-2, 262), (12, 262)),
        L((9, 250), (12.5, 264), (16, 282), (18.5, 301)), S((18.5, 301), (-2, 301)),  # epigastrium
        L((-2, 325), (30, 324), (60, 322), (76, 323), (86, 326)),
        L((86, 333), (75, 348), (72, 370), (73, 395), (76, 415), (80, 428), (90, 433), (100, 434)),
        L((-2, 386), (12, 386.5), (18, 392), (22, 402)),
        L((16, 404), (8, 410), (2, 416), (-2, 419)),
        L((31, 397), (33, 430), (34, 470), (36, 510), (40, 548), (42, 558)),
        L((68, 378), (71, 410), (72, 450), (70, 490), (66, 525), (62, 558)),
        L((5, 483), (40, 485), (95, 489)),
        L((10, 551), (45, 553), (85, 553)),
        L((12, 603), (45, 604), (85, 603)),
        S((47, 545), (47, 612)),
        L((33, 598), (34, 640), (35, 690), (37.5, 748)),
        L((58, 598), (59, 640), (55, 690), (49, 748)),
        L((15, 742), (45, 742), (70, 742)),
        S((38, 736), (38, 770)), S((48.5, 736), (48.5, 770)),
    ]
    R.update(divide(parts["trunk"], tc, [
        ("throat", (4, 115)), ("front-of-neck", (12, 115)), ("side-of-neck", (35, 137)),
        ("front-of-shoulder", (90, 170)), ("side-of-shoulder", (115, 185)),
        ("below-collarbone", (40, 158)), ("chest", (40, 210)), ("breastbone", (3, 200)),
        ("side-ribs", (78, 250)), ("upper-abdomen", (35, 290)), ("epigastrium", (4, 280)), ("lower-abdomen", (35, 355)),
        ("pubic", (5, 400)), ("hip-side", (82, 390)),
        ("thigh-inner-upper", (20, 450)), ("thigh-front-upper", (50, 450)), ("thigh-outer-upper", (82, 450)),
        ("thigh-inner-lower", (25, 520)), ("thigh-front-lower", (50, 520)), ("thigh-outer-lower", (76, 520)),
        ("knee-inner", (28, 578)), ("knee-outer", (68, 578)),
        ("inner-lower-leg", (28, 650)), ("shin", (46, 650)), ("outer-lower-leg", (68, 650)),
        ("ankle-inner", (34, 752)), ("ankle-front", (43, 752)), ("ankle-outer", (51, 752)),
    ], "front trunk"))
    # ---- arm
    ac = [cross(290), cross(316), cross(388),
          between(0.3, 196, 292), between(0.72, 196, 292),
          between(0.32, 286, 320),
          between(0.28, 314, 392), between(0.72, 314, 392),
          between(0.3, 386, 412), between(0.7, 386, 412)]
    R.update(divide(parts["arm"], ac, [
        ("upper-arm-inner", at(0.12, 250)), ("upper-arm-front", at(0.5, 250)), ("upper-arm-outer", at(0.88, 250)),
        ("medial-epicondyle", at(0.15, 303)), ("elbow-front", at(0.6, 303)),
        ("forearm-little-finger-side", at(0.12, 350)), ("forearm-front", at(0.5, 350)),
        ("forearm-thumb-side", at(0.88, 350)),
        ("wrist-little-finger-side", at(0.12, 397)), ("wrist-front", at(0.5, 397)),
        ("wrist-thumb-side", at(0.88, 397))], "front arm"))
    # ---- hand
    R.update(divide(parts["palm"], [
        hline((3, -5), (5, 8), (7.5, 19), (11, 27), (15, 31), (20, 32)),
        hline((-4.5, -5), (-6, 12), (-7.5, 27), (-8.5, 37), (-9, 48))],
        [("thenar", H(11, 14)), ("palm", H(0, 25)), ("hypothenar", H(-11, 25))], "front palm"))
    for n in ["thumb-front", "middle-finger-front", "ring-finger-front"]:
        R[n] = parts[n]
    for finger in FINGER_SIDES:
        R.update(split_finger(parts[f"{finger}-finger-front"], finger))
    return R, parts, face["_nose"]


def back():
    parts = paint([
        ("si-joint", ellipse(21, 385, 7, 12)),
        ("sacrum", Polygon(cr([(0, 374), (9, 375), (15, 378), (14, 392), (10, 406), (5, 416), (0, 419)]) + [(0, 419)])),
        ("tailbone", Polygon([(0, 419), (5, 416), (5.5, 424), (4, 430), (0, 432)])),
        ("pelvic-floor", Polygon(cr([(0, 432), (4, 430), (6.5, 437), (5, 444), (0, 448)]) + [(0, 448)])),
        ("trunk", trunk_poly("back").intersection(RIGHT)),
        ("head", HEAD.intersection(RIGHT)),
        ("_ear", EAR),
        ("arm", arm_poly()),
    ] + hand_parts("back") + [
        ("sole", spoly((34.5, 757), (32, 770), (32, 785), (33, 800), (31, 815), (27.5, 828), (26.5, 836), (30, 841),
                       (45, 840), (57, 836), (62, 831), (59.5, 814), (56.5, 796), (55, 782), (54.5, 768), (51.5, 757))),
        ("big-toe-bottom", ellipse(31.5, 847, 6.3, 9.5)),
        ("toes-bottom", unary_union([ellipse(41.5, 846, 4.4, 8), ellipse(49.5, 844.5, 4.2, 7.5),
                                     ellipse(56.5, 841.5, 3.9, 6.8), ellipse(62.5, 837.5, 3.4, 6)])),
    ])
    R = {}
    for k in ["si-joint", "sacrum", "tailbone", "pelvic-floor", "big-toe-bottom", "toes-bottom"]:
        R[k] = parts[k]
    # ---- head
    hp = paint([("vertex", ellipse(0, 12, 24, 19)), ("mastoid", ellipse(31.5, 73, 6, 11)), ("rest", parts["head"])])
    hp = {k: v.intersection(parts["head"]) for k, v in hp.items()}
    R["vertex"] = hp["vertex"]
    R["mastoid"] = hp["mastoid"]
    R.update(divide(hp["rest"], [
        L((15, 22), (22, 32), (26, 45), (29.5, 54), (36, 58), (44, 58)),
        S((-1, 49), (24, 49), (27, 53))], [("parietal", (33, 40)), ("occiput", (12, 70)), ("occiput", (10, 40))], "back head"))
    # ---- trunk
    tc = [
        L((26, 104), (20, 114), (16, 124), (14.5, 134), (14, 140)),
        L((-2, 134), (10, 134.5), (20, 136), (30, 141), (40, 144.5), (47, 147)),
        L((41, 128), (44, 140), (46, 146.5), (47, 152)),
        L((43, 148), (55, 154), (70, 157), (85, 158), (95, 159), (100, 161)),
        L((96, 144), (94, 155), (92, 170), (90, 185), (88, 198), (87, 206), (90, 214)),
        L((33, 172), (45, 169), (60, 165), (75, 162), (90, 161), (98, 161)),
        L((38, 142), (36, 160), (34, 185), (33, 210), (34, 235), (37, 252), (44, 262), (52, 266),
          (60, 262), (67, 252), (72, 240), (78, 228), (84, 222), (92, 220)),
        L((45.5, 158), (43, 185), (42, 210), (43, 236), (43.5, 242)),
        L((30, 238), (45, 236), (60, 234), (75, 232), (80, 231)),
        L((6, 252), (20, 253), (38, 252)),
        L((60, 260), (61, 275), (62, 295), (62, 315), (61, 335), (60, 348)),
        L((-2, 316), (30, 316), (64, 316)),
        S((58, 316), (82, 316)),                                             # flank top
        L((10, 466), (14, 456), (20, 451), (29, 451), (35, 456), (38, 464), (39, 474)),  # sit bone
        S((7.5, 120), (7.5, 380)),
        L((20, 376), (30, 360), (45, 351), (60, 344), (75, 339), (86, 337)),
        L((27, 386), (40, 374), (58, 364), (74, 358), (86, 356)),
        L((79, 355), (77, 375), (77, 400), (80, 425), (83, 450), (86, 464)),
        L((1.5, 443), (5, 450), (12, 462), (30, 471), (50, 472), (68, 467), (82, 460), (95, 458)),
        L((3, 424), (25, 424), (45, 426), (62, 424), (78, 418), (82, 417)),
        L((12, 531), (50, 532), (95, 533)),
        L((14, 596), (50, 597), (85, 598)),
        L((15, 628), (50, 628), (85, 628)),
        L((15, 742), (45, 742), (70, 742)),
    ]
    R.update(divide(parts["trunk"], tc, [
        ("back-of-neck", (8, 110)), ("neck-angle", (30, 136.5)), ("top-of-shoulder", (70, 146)),
        ("supraspinous", (60, 160)), ("back-of-shoulder", (105, 180)),
        ("scapula-medial-border", (38, 200)), ("scapula-body", (62, 200)), ("scapula-lower-angle", (52, 252)),
        ("upper-back", (20, 200)), ("thoracic-spine", (3, 200)), ("mid-back", (30, 285)),
        ("lower-ribs-back", (72, 290)), ("flank", (68, 328)), ("sit-bone", (24, 459)), ("low-back", (30, 335)), ("lumbar-spine", (3, 340)),
        ("iliac-crest", (50, 359)), ("buttock-upper", (45, 400)), ("buttock-lower", (45, 450)),
        ("hip-back", (86, 410)), ("thigh-back-upper", (50, 500)), ("thigh-back-lower", (50, 565)),
        ("back-of-knee", (47, 612)), ("calf", (47, 690)), ("achilles", (43, 752))], "back trunk"))
    ac = [cross(290), cross(316), cross(388), between(0.62, 286, 320)]
    R.update(divide(parts["arm"], ac, [
        ("upper-arm-back", at(0.5, 250)), ("elbow-back", at(0.3, 303)), ("lateral-epicondyle", at(0.85, 303)),
        ("forearm-back", at(0.5, 350)), ("wrist-back", at(0.5, 397))], "back arm"))
    R.update(divide(parts["palm"], [hline((17, 13), (11, 22), (8.5, 32), (9, 41), (10, 48))],
                    [("back-of-hand", H(0, 25)), ("thumb-web", H(13, 30))], "back palm"))
    for n in ["thumb-back", "index-finger-back", "middle-finger-back", "ring-finger-back", "little-finger-back"]:
        R[n] = parts[n]
    R.update(divide(parts["sole"], [
        L((25, 786), (40, 785), (62, 786)),
        L((25, 824), (40, 825), (64, 822)),
        L((43, 780), (42, 805), (41.5, 830)),
        L((26, 773), (43, 774), (60, 773)),                                   # back / bottom of the heel
        L((47.5, 784), (48.5, 797), (51, 812), (53.5, 827))],                 # outer edge of the foot
        [("heel-back", (43, 767)), ("heel-sole", (43, 780)), ("arch", (35, 805)), ("sole", (45.5, 805)),
         ("foot-outer-edge", (54, 805)), ("ball-of-foot", (43, 832))], "sole"))
    return R, parts, parts["_ear"]


MIDLINE = {"vertex", "chin", "throat", "breastbone", "pubic", "thoracic-spine", "lumbar-spine",
           "sacrum", "tailbone", "pelvic-floor", "nose", "upper-lip", "inside-mouth", "epigastrium"}


def load_regions():
    txt = open(os.path.join(DATA, "regions.toml")).read()
    out = {}
    for blk in txt.split("[[region]]")[1:]:
        rid = re.search(r'^id = "([^"]+)"', blk, re.M).group(1)
        lat = re.search(r'^lateral = (\w+)', blk, re.M).group(1) == "true"
        view = re.search(r'^view = "(\w+)"', blk, re.M).group(1)
        out[rid] = (lat, view)
    return out


def mirror(g):
    return affinity.scale(g, -1, 1, origin=(0, 0))


def fmt_ring(g):
    g = g.simplify(0.12, preserve_topology=True)
    c = list(g.exterior.coords)[:-1]
    pts = [(round(x * SCALE, 1), round(y * SCALE, 1)) for x, y in c]
    # drop consecutive duplicates after rounding
    dd = [pts[0]]
    for p in pts[1:]:
        if p != dd[-1]:
            dd.append(p)
    s = ", ".join(f"{x:g}, {y:g}" for x, y in dd)
    # wrap
    parts, line = [], ""
    for tok in s.split(", "):
        add = tok + ", "
        if len(line) + len(add) > 96:
            parts.append(line.rstrip())
            line = ""
        line += add
    parts.append(line.rstrip().rstrip(","))
    return "[\n  " + "\n  ".join(parts) + "\n]"


def main():
    regs = load_regions()
    views = {"front": front(), "back": back()}
    out = []
    out.append(HEADER)
    for vname, (R, parts, extra) in views.items():
        sil = []
        for rid, g in sorted(R.items(), key=lambda kv: ORDER.index(kv[0]) if kv[0] in ORDER else 999):
            if rid not in regs:
                WARN.append(f"{vname}: unknown region {rid}")
                continue
            lat, view = regs[rid]
            if view != vname:
                WARN.append(f"{rid}: drawn on {vname}, belongs to {view}")
            if lat == (rid in MIDLINE):
                WARN.append(f"{rid}: lateral mismatch")
            if not lat:
                g = unary_union([g, mirror(g)]).buffer(0.01).buffer(-0.01)
            if g.is_empty:
                WARN.append(f"{vname} {rid}: EMPTY")
                continue
            if g.geom_type != "Polygon":
                areas = [p.area for p in g.geoms]
                WARN.append(f"{vname} {rid}: {g.geom_type} areas {areas}")
                g = max(g.geoms, key=lambda p: p.area)
            if len(g.interiors):
                WARN.append(f"{vname} {rid}: has holes")
            if g.area < 30:
                WARN.append(f"{vname} {rid}: small area {g.area:.1f}")
            sil.append(g)
            out.append(f'[[shape]]\nview = "{vname}"\nregion = "{rid}"\nlateral = {"true" if lat else "false"}\npoints = {fmt_ring(g)}\n')
        half = unary_union([g.intersection(RIGHT) for g in sil] + [extra])
        full = unary_union([half, mirror(half)]).buffer(1.2, join_style=1).buffer(-0.2)
        if full.geom_type != "Polygon":
            WARN.append(f"{vname}: silhouette is {full.geom_type}")
            full = max(full.geoms, key=lambda p: p.area)
        out.insert(1 + (0 if vname == "front" else 0), "")
        SIL[vname] = fmt_ring(full)
    drawn = {(v, r) for v, (R, _, _) in views.items() for r in R}
    for rid, (lat, view) in regs.items():
        if (view, rid) not in drawn:
            WARN.append(f"MISSING {rid} ({view})")
    text = HEADER_VIEWS.format(front=SIL["front"], back=SIL["back"]) + "\n".join(o for o in out[1:] if o)
    open(sys.argv[1] if len(sys.argv) > 1 else os.path.join(DATA, "chart.toml"), "w").write(text)
    for w in WARN:
        print("WARN", w)


SIL = {}
ORDER = []
HEADER = ""
HEADER_VIEWS = """\
# Knot's body chart: the geometry of the front and back figures, as data.
#
# Generated from smooth outlines and cut lines by tools/chartgen.py (Python + shapely): change the
# script and regenerate rather than editing by hand, so that neighbouring shapes' shared borders
# stay in step and the tiles meet exactly, with no gaps or overlaps.
#
# Coordinates are SVG user units (y grows downwards) relative to each view's origin: x = 0 is the
# figure's midline, y = 0 the top of its head. x is measured towards the PERSON'S RIGHT:
#
# - a `lateral = true` shape is given once, for the person's right side (x >= 0, "outward from the
#   midline"); the code draws it as `right-<region>` and its mirror image as `left-<region>`;
# - a `lateral = false` (midline) shape keeps its bare id and signed x (x > 0 = person's right).
#
# `right_on` says on which side of the viewer the person's right appears: the front figure faces
# us (person's right on the viewer's left), the back figure turns its back (right on the right).
# `outline` is the figure's whole silhouette (signed x), drawn underneath the tiles.
# `points` are flat [x0, y0, x1, y1, ...] lists of a closed polygon.

[canvas]
width = 1000.0
height = 1010.0

[[view]]
id = "front"
label = "FRONT"
origin = [250.0, 62.0]
right_on = "left"
outline = {front}

[[view]]
id = "back"
label = "BACK"
origin = [750.0, 62.0]
right_on = "right"
outline = {back}

"""

if __name__ == "__main__":
    main()
