/* The xiangqi engine's search, compiled: the same algorithm as engine_search.py's _Search on
 * search_board.py's SearchBoard and evaluation.py's evaluate, about 30 times faster.
 *
 * engine_search.py is the reference and the fallback where this module was not built (setup.py
 * builds it when a C compiler is at hand). Nothing here is a second source of truth: the move
 * geometry, Zobrist keys, evaluation tables and search constants are handed over by
 * engine_search.py through init(); the tests compare the two (perft, evaluation, legal moves,
 * mates found, the same full-width scores).
 *
 * Squares 0..89 (rank * 9 + file, rank 0 red's back rank); piece codes 1..7 (general, advisor,
 * elephant, horse, chariot, cannon, soldier), red positive, black negative; tables indexed by
 * code + 7. A move is from | to << 7. Colours: 1 red, 0 black.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
/* No fused multiply-adds: the evaluation truncates a sum of float products to whole centipawns
 * and must round as Python does. setup.py passes -ffp-contract=off (gcc ignores this pragma). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MATE 30000
#define MATE_BOUND (MATE - 1000)
#define RULE_WIN 20000
#define MAX_PLY 64
#define INF 32000
#define EXACT 0
#define LOWER 1
#define UPPER 2
#define TICK_EVERY 4095  /* nodes between calls to Python's clock and cancel check (a few ms) */
#define ABI_VERSION 1     /* search_compiled.py refuses a module built from other sources */
#define FROM_MASK 127
#define MAX_MOVES 256
#define SEARCH_PLIES (MAX_PLY + 8)
#define KING 1
#define KNIGHT 4
#define ROOK 5
#define CANNON 6
#define PAWN 7

/* ---- tables (init) ------------------------------------------------------------------------ */

static int ready = 0;
static uint64_t ZOB[15][90], ZOB_BLACK;
static int MG[15][90], EG[15][90], PHASEW[15], VAL[15];
static double TERM_MG[3], TERM_EG[3];
static int HAS_TERMS, PHASE_MAX, LAZY_MARGIN, REVERSE_FUTILITY, N_FUTILITY, FUTILITY[8];
static int RAY[90][4][9];            /* targets nearest first, -1 after the edge */
static int KN[90][8][2];             /* (leg, target) */
static int KA[90][8][2];             /* horse attackers of a square: (origin, leg) */
static int BI[2][90][4][2];          /* (eye, target) by colour */
static int ST[3][2][90][4];          /* soldier, general, advisor steps by colour */
static int PA[2][90][3];             /* soldier attackers by colour */
static unsigned char KING_LINE[90][90], KING_EXPOSED[90][90], KING_CHECKED[90][90];

#define C(code) ((code) + 7)

/* ---- the position ------------------------------------------------------------------------- */

typedef struct {
    int8_t captured;
    uint64_t key;
    int mg, eg, phase;
} Undo;

typedef struct {
    int8_t b[90];
    int kings[2];        /* -1: none */
    int turn;            /* 1 red */
    uint64_t key;
    int mg, eg, phase;
    int cnt[15];
    uint64_t *keys;      /* keys[i]: the i-th position of the game and search path */
    unsigned char *checks;
    int *revfrom;
    int n;               /* positions so far: the current one is n - 1 */
    Undo *undo;
    int nundo;
} Pos;

static int attacked(const int8_t *b, int sq, int by)
{
    int sign = by ? 1 : -1, rook = ROOK * sign, cannon = CANNON * sign, king = KING * sign;
    for (int d = 0; d < 4; d++) {
        int screened = 0;
        for (int i = 0; i < 9; i++) {
            int t = RAY[sq][d][i];
            if (t < 0) break;
            int code = b[t];
            if (code) {
                if (screened) {
                    if (code == cannon) return 1;
                    break;
                }
                if (code == rook || code == king) return 1;
                screened = 1;
            }
        }
    }
    int knight = KNIGHT * sign;
    for (int i = 0; i < 8 && KA[sq][i][0] >= 0; i++)
        if (b[KA[sq][i][0]] == knight && !b[KA[sq][i][1]]) return 1;
    int pawn = PAWN * sign;
    for (int i = 0; i < 3 && PA[by][sq][i] >= 0; i++)
        if (b[PA[by][sq][i]] == pawn) return 1;
    return 0;
}

static int in_check(const Pos *p)
{
    int king = p->kings[p->turn];
    return king >= 0 && attacked(p->b, king, !p->turn);
}

/* Pseudo-legal moves of the side to move, in SearchBoard.moves' order of piece kinds. */
static int gen_moves(const Pos *p, int *out, int captures_only)
{
    const int8_t *b = p->b;
    int n = 0, red = p->turn, sign = red ? 1 : -1;
    int code = ROOK * sign;
    for (int sq = 0; sq < 90; sq++) {
        if (b[sq] != code) continue;
        for (int d = 0; d < 4; d++)
            for (int i = 0; i < 9; i++) {
                int t = RAY[sq][d][i];
                if (t < 0) break;
                int other = b[t];
                if (!other) {
                    if (!captures_only) out[n++] = sq | t << 7;
                } else {
                    if (other * code < 0) out[n++] = sq | t << 7;
                    break;
                }
            }
    }
    code = CANNON * sign;
    for (int sq = 0; sq < 90; sq++) {
        if (b[sq] != code) continue;
        for (int d = 0; d < 4; d++) {
            int screened = 0;
            for (int i = 0; i < 9; i++) {
                int t = RAY[sq][d][i];
                if (t < 0) break;
                int other = b[t];
                if (!screened) {
                    if (!other) {
                        if (!captures_only) out[n++] = sq | t << 7;
                    } else {
                        screened = 1;
                    }
                } else if (other) {
                    if (other * code < 0) out[n++] = sq | t << 7;
                    break;
                }
            }
        }
    }
    code = KNIGHT * sign;
    for (int sq = 0; sq < 90; sq++) {
        if (b[sq] != code) continue;
        for (int i = 0; i < 8 && KN[sq][i][0] >= 0; i++) {
            if (b[KN[sq][i][0]]) continue;
            int t = KN[sq][i][1], other = b[t];
            if (other * code < 0 || (!other && !captures_only)) out[n++] = sq | t << 7;
        }
    }
    code = 3 * sign;
    for (int sq = 0; sq < 90; sq++) {
        if (b[sq] != code) continue;
        for (int i = 0; i < 4 && BI[red][sq][i][0] >= 0; i++) {
            if (b[BI[red][sq][i][0]]) continue;
            int t = BI[red][sq][i][1], other = b[t];
            if (other * code < 0 || (!other && !captures_only)) out[n++] = sq | t << 7;
        }
    }
    static const int step_kinds[3] = {PAWN, KING, 2};
    for (int k = 0; k < 3; k++) {
        code = step_kinds[k] * sign;
        for (int sq = 0; sq < 90; sq++) {
            if (b[sq] != code) continue;
            for (int i = 0; i < 4 && ST[k][red][sq][i] >= 0; i++) {
                int t = ST[k][red][sq][i], other = b[t];
                if (other * code < 0 || (!other && !captures_only)) out[n++] = sq | t << 7;
            }
        }
    }
    return n;
}

static void make(Pos *p, int move)
{
    int f = move & FROM_MASK, t = move >> 7;
    int code = p->b[f], captured = p->b[t];
    Undo *u = &p->undo[p->nundo++];
    u->captured = (int8_t)captured;
    u->key = p->key;
    u->mg = p->mg;
    u->eg = p->eg;
    u->phase = p->phase;
    uint64_t key = p->key ^ ZOB[C(code)][f] ^ ZOB[C(code)][t] ^ ZOB_BLACK;
    p->mg += MG[C(code)][t] - MG[C(code)][f];
    p->eg += EG[C(code)][t] - EG[C(code)][f];
    int n = p->n;
    if (captured) {
        key ^= ZOB[C(captured)][t];
        p->mg -= MG[C(captured)][t];
        p->eg -= EG[C(captured)][t];
        p->phase -= PHASEW[C(captured)];
        p->cnt[C(captured)]--;
        p->revfrom[n] = n;
        if (captured == KING || captured == -KING) p->kings[captured > 0] = -1;
    } else {
        p->revfrom[n] = p->revfrom[n - 1];
    }
    p->b[t] = (int8_t)code;
    p->b[f] = 0;
    if (code == KING || code == -KING) p->kings[code > 0] = t;
    p->turn = !p->turn;
    p->key = key;
    p->keys[n] = key;
    p->checks[n] = 0;
    p->n = n + 1;
}

static void unmake(Pos *p, int move)
{
    int f = move & FROM_MASK, t = move >> 7;
    Undo *u = &p->undo[--p->nundo];
    int code = p->b[t], captured = u->captured;
    p->key = u->key;
    p->mg = u->mg;
    p->eg = u->eg;
    p->phase = u->phase;
    p->b[f] = (int8_t)code;
    p->b[t] = (int8_t)captured;
    if (code == KING || code == -KING) p->kings[code > 0] = f;
    if (captured) {
        p->cnt[C(captured)]++;
        if (captured == KING || captured == -KING) p->kings[captured > 0] = t;
    }
    p->turn = !p->turn;
    p->n--;
}

static void make_null(Pos *p)
{
    Undo *u = &p->undo[p->nundo++];
    u->captured = 0;
    u->key = p->key;
    u->mg = p->mg;
    u->eg = p->eg;
    u->phase = p->phase;
    p->turn = !p->turn;
    p->key ^= ZOB_BLACK;
    int n = p->n;
    p->keys[n] = p->key;
    p->checks[n] = 0;
    p->revfrom[n] = n;
    p->n = n + 1;
}

static void unmake_null(Pos *p)
{
    Undo *u = &p->undo[--p->nundo];
    p->key = u->key;
    p->mg = u->mg;
    p->eg = u->eg;
    p->phase = u->phase;
    p->turn = !p->turn;
    p->n--;
}

/* SearchBoard.play: -1 if the move leaves the mover's general attacked (taken back), else
 * whether it gives check (also stored in checks). */
static int play(Pos *p, int move, int was_in_check)
{
    int f = move & FROM_MASK, t = move >> 7;
    int own = p->kings[p->turn], enemy = p->kings[!p->turn];
    make(p, move);
    if (own >= 0 && (was_in_check || f == own || KING_EXPOSED[own][f] || KING_LINE[own][t])) {
        if (attacked(p->b, f == own ? t : own, p->turn)) {
            unmake(p, move);
            return -1;
        }
    }
    int gives = enemy >= 0 && (KING_CHECKED[enemy][f] || KING_CHECKED[enemy][t]) && attacked(p->b, enemy, !p->turn);
    p->checks[p->n - 1] = (unsigned char)gives;
    return gives;
}

/* ---- evaluation (evaluation.py) ------------------------------------------------------------ */

static void terms(const Pos *p, int *safety, int *horse, int *chariot)
{
    const int *c = p->cnt;
    int red_attack = 2 * c[C(5)] + c[C(4)] + c[C(6)];
    int black_attack = 2 * c[C(-5)] + c[C(-4)] + c[C(-6)];
    int red_missing = 4 - c[C(2)] - c[C(3)];
    int black_missing = 4 - c[C(-2)] - c[C(-3)];
    *safety = black_missing * red_attack - red_missing * black_attack;
    const int8_t *b = p->b;
    int h = 0, r = 0;
    for (int sq = 0; sq < 90; sq++) {
        int code = b[sq];
        if (code == KNIGHT || code == -KNIGHT) {
            int count = 0;
            for (int i = 0; i < 8 && KN[sq][i][0] >= 0; i++)
                if (!b[KN[sq][i][0]] && b[KN[sq][i][1]] * code <= 0) count++;
            h += code > 0 ? count : -count;
        } else if (code == ROOK || code == -ROOK) {
            int count = 0;
            for (int d = 0; d < 4; d++)
                for (int i = 0; i < 9; i++) {
                    int t = RAY[sq][d][i];
                    if (t < 0) break;
                    int other = b[t];
                    if (other) {
                        if (other * code < 0) count++;
                        break;
                    }
                    count++;
                }
            r += code > 0 ? count : -count;
        }
    }
    *horse = h;
    *chariot = r;
}

/* evaluate(position, alpha, beta); lazy only when `windowed`. */
static int evaluate(const Pos *p, int windowed, int alpha, int beta)
{
    int phase = p->phase < PHASE_MAX ? p->phase : PHASE_MAX;
    double mg = p->mg, eg = p->eg;
    if (HAS_TERMS) {
        if (windowed) {
            int lazy = (int)((double)(p->mg * phase + p->eg * (PHASE_MAX - phase)) / PHASE_MAX);
            if (!p->turn) lazy = -lazy;
            if (lazy - LAZY_MARGIN >= beta || lazy + LAZY_MARGIN <= alpha) return lazy;
        }
        int safety, horse, chariot;
        terms(p, &safety, &horse, &chariot);
        mg += TERM_MG[0] * safety + TERM_MG[1] * horse + TERM_MG[2] * chariot;
        eg += TERM_EG[0] * safety + TERM_EG[1] * horse + TERM_EG[2] * chariot;
    }
    int score = (int)((mg * phase + eg * (PHASE_MAX - phase)) / PHASE_MAX);
    return p->turn ? score : -score;
}

/* ---- the transposition table --------------------------------------------------------------- */

typedef struct {
    uint64_t key;
    int32_t score;
    uint16_t move;
    int8_t depth;
    int8_t bound;
} Entry;

typedef struct {
    PyObject_HEAD
    Entry *entries;
    Py_ssize_t capacity;
    Py_ssize_t used;
    int busy;  /* searches using it right now (they run without the GIL) */
} Table;

static int table_init(Table *self, PyObject *args, PyObject *kwds)
{
    Py_ssize_t capacity;
    if (self->entries) {
        PyErr_SetString(PyExc_RuntimeError, "a Table is set up once");
        return -1;
    }
    if (!PyArg_ParseTuple(args, "n", &capacity)) return -1;
    if (capacity < 1) {
        PyErr_SetString(PyExc_ValueError, "capacity must be positive");
        return -1;
    }
    self->entries = calloc((size_t)capacity, sizeof(Entry));
    if (!self->entries) {
        PyErr_NoMemory();
        return -1;
    }
    self->capacity = capacity;
    self->used = 0;
    return 0;
}

static void table_dealloc(Table *self)
{
    free(self->entries);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *table_clear(Table *self, PyObject *unused)
{
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "the table is in use by a search");
        return NULL;
    }
    if (self->entries) memset(self->entries, 0, (size_t)self->capacity * sizeof(Entry));
    self->used = 0;
    Py_RETURN_NONE;
}

static Py_ssize_t table_len(Table *self) { return self->used; }

static PyMethodDef table_methods[] = {
    {"clear", (PyCFunction)table_clear, METH_NOARGS, "Forget every entry."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods table_as_sequence = {.sq_length = (lenfunc)table_len};

static PyTypeObject TableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "engine.xiangqi._csearch.Table",
    .tp_basicsize = sizeof(Table),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Table(capacity): positions searched, one entry per slot (key modulo capacity), newest kept.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)table_init,
    .tp_dealloc = (destructor)table_dealloc,
    .tp_methods = table_methods,
    .tp_as_sequence = &table_as_sequence,
};

/* A key of 0 marks an empty slot; a real position with key 0 is simply never stored. */
static Entry *probe(Table *t, uint64_t key)
{
    Entry *e = &t->entries[key % (uint64_t)t->capacity];
    return e->key == key && key ? e : NULL;
}

static void store(Table *t, uint64_t key, int depth, int bound, int score, int move)
{
    if (!key) return;
    Entry *e = &t->entries[key % (uint64_t)t->capacity];
    if (!e->key) t->used++;
    e->key = key;
    e->depth = (int8_t)(depth > 127 ? 127 : depth < -128 ? -128 : depth);
    e->bound = (int8_t)bound;
    e->score = score;
    e->move = (uint16_t)move;
}

/* ---- the search ---------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    Pos pos;
    Table *table;
    int selective;
    long long nodes;
    int killers[SEARCH_PLIES][2];
    long long history[2][90 << 7];
    int pv[SEARCH_PLIES][SEARCH_PLIES];
    int pv_len[SEARCH_PLIES];
    int ready;  /* set up by __init__ (once) */
    int busy;   /* root() is running */
    /* while root() runs */
    PyObject *tick;
    PyThreadState *thread;
    int stopped;
    PyObject *err_type, *err_value, *err_tb;
} Searcher;

static void tick(Searcher *s)
{
    PyEval_RestoreThread(s->thread);
    PyObject *r = PyObject_CallNoArgs(s->tick);
    if (r) {
        Py_DECREF(r);
    } else {
        s->stopped = 1;
        PyErr_Fetch(&s->err_type, &s->err_value, &s->err_tb);
    }
    s->thread = PyEval_SaveThread();
}

static int to_tt(int score, int ply)
{
    return score > MATE_BOUND ? score + ply : score < -MATE_BOUND ? score - ply : score;
}

static int from_tt(int score, int ply)
{
    return score > MATE_BOUND ? score - ply : score < -MATE_BOUND ? score + ply : score;
}

static void set_pv(Searcher *s, int ply, int move)
{
    s->pv[ply][0] = move;
    int n = s->pv_len[ply + 1];
    memcpy(&s->pv[ply][1], s->pv[ply + 1], (size_t)n * sizeof(int));
    s->pv_len[ply] = n + 1;
}

/* A stable sort of moves by ascending keys (insertion sort: move lists are short). */
static void sort_moves(int *moves, long long *keys, int n)
{
    for (int i = 1; i < n; i++) {
        int m = moves[i];
        long long k = keys[i];
        int j = i - 1;
        while (j >= 0 && keys[j] > k) {
            moves[j + 1] = moves[j];
            keys[j + 1] = keys[j];
            j--;
        }
        moves[j + 1] = m;
        keys[j + 1] = k;
    }
}

static void order(Searcher *s, int *moves, int n, int tt_move, int ply)
{
    const int8_t *b = s->pos.b;
    const long long *history = s->history[s->pos.turn];
    int killer1 = s->killers[ply][0], killer2 = s->killers[ply][1];
    long long keys[MAX_MOVES];
    for (int i = 0; i < n; i++) {
        int move = moves[i], victim = b[move >> 7];
        if (move == tt_move)
            keys[i] = -10000000;
        else if (victim)
            keys[i] = -1000000 - VAL[C(victim)] * 16 + VAL[C(b[move & FROM_MASK])] / 64;
        else if (move == killer1)
            keys[i] = -900000;
        else if (move == killer2)
            keys[i] = -800000;
        else
            keys[i] = -history[move];
    }
    sort_moves(moves, keys, n);
}

static int repetition(const Searcher *s, int ply, int *score)
{
    const Pos *p = &s->pos;
    int n = p->n - 1;
    uint64_t key = p->keys[n];
    for (int i = n - 4; i >= p->revfrom[n]; i -= 2) {
        if (p->keys[i] != key) continue;
        int they = 1, we = 1;
        for (int j = n; j > i; j -= 2) they = they && p->checks[j];
        for (int j = n - 1; j > i; j -= 2) we = we && p->checks[j];
        *score = they && !we ? RULE_WIN - ply : we && !they ? -(RULE_WIN - ply) : 0;
        return 1;
    }
    return 0;
}

static int quiesce(Searcher *s, int alpha, int beta, int ply, int is_check)
{
    Pos *p = &s->pos;
    s->nodes++;
    s->pv_len[ply] = 0;
    if (!(s->nodes & TICK_EVERY)) {
        tick(s);
        if (s->stopped) return 0;
    }
    int best, moves[MAX_MOVES], n;
    if (is_check) {
        best = -MATE + ply;
        n = gen_moves(p, moves, 0);
    } else {
        best = evaluate(p, 1, alpha, beta);
        if (best >= beta || ply >= MAX_PLY) return best;
        if (best > alpha) alpha = best;
        n = gen_moves(p, moves, 1);
    }
    const int8_t *b = p->b;
    long long keys[MAX_MOVES];
    for (int i = 0; i < n; i++)
        keys[i] = VAL[C(b[moves[i] & FROM_MASK])] / 64 - VAL[C(b[moves[i] >> 7])] * 16;
    sort_moves(moves, keys, n);
    for (int i = 0; i < n; i++) {
        int move = moves[i];
        if (!is_check) {
            int victim = VAL[C(b[move >> 7])], attacker = VAL[C(b[move & FROM_MASK])];
            if (attacker > victim && attacked(b, move >> 7, !p->turn)) continue;
        }
        int gives = play(p, move, is_check);
        if (gives < 0) continue;
        int score = -quiesce(s, -beta, -alpha, ply + 1, gives && ply < MAX_PLY);
        unmake(p, move);
        if (s->stopped) return 0;
        if (score > best) {
            best = score;
            if (score > alpha) {
                alpha = score;
                set_pv(s, ply, move);
                if (alpha >= beta) break;
            }
        }
    }
    return best;
}

static int search(Searcher *s, int depth, int alpha, int beta, int ply, int is_check, int null_ok)
{
    Pos *p = &s->pos;
    s->pv_len[ply] = 0;
    if (ply) {
        int repeated;
        if (repetition(s, ply, &repeated)) return repeated;
    }
    if (depth <= 0) return quiesce(s, alpha, beta, ply, is_check);
    s->nodes++;
    if (!(s->nodes & TICK_EVERY)) {
        tick(s);
        if (s->stopped) return 0;
    }
    if (ply >= MAX_PLY) return evaluate(p, 0, 0, 0);
    int pv_node = beta - alpha > 1;
    Entry *entry = probe(s->table, p->key);
    int tt_move = 0;
    if (entry) {
        tt_move = entry->move;
        if (entry->depth >= depth && !pv_node && ply) {
            int tt_score = from_tt(entry->score, ply);
            int bound = entry->bound;
            if (bound == EXACT || (bound == LOWER && tt_score >= beta) || (bound == UPPER && tt_score <= alpha))
                return tt_score;
        }
    }
    int turn = p->turn;
    int quiet_node = !pv_node && !is_check && ply;
    int prunable = quiet_node && s->selective && depth < N_FUTILITY && abs(beta) < MATE_BOUND;
    int null_tried = quiet_node && null_ok && depth >= 3;
    int stat = prunable || null_tried ? evaluate(p, 0, 0, 0) : 0;
    if (prunable && stat - REVERSE_FUTILITY * depth >= beta) return stat;
    if (null_tried) {
        int sign = turn ? 1 : -1;
        if (p->cnt[C(5 * sign)] || p->cnt[C(4 * sign)] + p->cnt[C(6 * sign)] >= 2) {
            if (stat >= beta) {
                make_null(p);
                int score = -search(s, depth - 3 - depth / 6, -beta, -beta + 1, ply + 1, 0, 0);
                unmake_null(p);
                if (s->stopped) return 0;
                if (score >= beta) return score < MATE_BOUND ? beta : score;
            }
        }
    }
    int moves[MAX_MOVES];
    int n = gen_moves(p, moves, 0);
    order(s, moves, n, tt_move, ply);
    const int8_t *b = p->b;
    int best = -INF, best_move = 0, searched = 0, original_alpha = alpha;
    for (int i = 0; i < n; i++) {
        int move = moves[i];
        int capture = b[move >> 7];
        int gives = play(p, move, is_check);
        if (gives < 0) continue;
        int new_depth = depth - 1 + (gives ? 1 : 0);
        if (prunable && searched && !capture && !gives && stat + FUTILITY[depth] <= alpha) {
            unmake(p, move);
            if (stat + FUTILITY[depth] > best) best = stat + FUTILITY[depth];
            continue;
        }
        int score;
        if (searched == 0) {
            score = -search(s, new_depth, -beta, -alpha, ply + 1, gives, 1);
        } else {
            int reduction = 0;
            if (searched >= 3 && depth >= 3 && !capture && !is_check && !gives) reduction = searched < 8 ? 1 : 2;
            score = -search(s, new_depth - reduction, -alpha - 1, -alpha, ply + 1, gives, 1);
            if (!s->stopped && score > alpha && (reduction || score < beta))
                score = -search(s, new_depth, -beta, -alpha, ply + 1, gives, 1);
        }
        unmake(p, move);
        if (s->stopped) return 0;
        searched++;
        if (score > best) {
            best = score;
            best_move = move;
            if (score > alpha) {
                alpha = score;
                set_pv(s, ply, move);
                if (alpha >= beta) {
                    if (!capture) {
                        int *killers = s->killers[ply];
                        if (killers[0] != move) {
                            killers[1] = killers[0];
                            killers[0] = move;
                        }
                        s->history[turn][move] += depth * depth;
                    }
                    break;
                }
            }
        }
    }
    if (searched == 0) return -MATE + ply;
    int bound = best >= beta ? LOWER : best > original_alpha ? EXACT : UPPER;
    store(s->table, p->key, depth, bound, to_tt(best, ply), best_move);
    return best;
}

/* ---- the Python type ----------------------------------------------------------------------- */

static int read_ints(PyObject *seq, int *out, Py_ssize_t n, const char *what)
{
    PyObject *fast = PySequence_Fast(seq, what);
    if (!fast) return -1;
    if (PySequence_Fast_GET_SIZE(fast) != n) {
        PyErr_Format(PyExc_ValueError, "%s: expected %zd values, got %zd", what, n, PySequence_Fast_GET_SIZE(fast));
        Py_DECREF(fast);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(fast, i));
        if (v == -1 && PyErr_Occurred()) {
            Py_DECREF(fast);
            return -1;
        }
        out[i] = (int)v;
    }
    Py_DECREF(fast);
    return 0;
}

static int read_moves(PyObject *seq, int *out, Py_ssize_t *n)
{
    PyObject *fast = PySequence_Fast(seq, "moves must be a sequence");
    if (!fast) return -1;
    *n = PySequence_Fast_GET_SIZE(fast);
    if (*n > MAX_MOVES) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "too many moves");
        return -1;
    }
    int rc = read_ints(fast, out, *n, "moves");
    Py_DECREF(fast);
    for (Py_ssize_t i = 0; rc == 0 && i < *n; i++) {
        if (out[i] < 0 || (out[i] & FROM_MASK) >= 90 || out[i] >> 7 >= 90) {
            PyErr_SetString(PyExc_ValueError, "a move is from | to << 7 with both squares in 0..89");
            rc = -1;
        }
    }
    return rc;
}

static PyObject *moves_list(const int *moves, Py_ssize_t n)
{
    PyObject *list = PyList_New(n);
    if (!list) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *move = PyLong_FromLong(moves[i]);
        if (!move) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, move);
    }
    return list;
}

static void searcher_dealloc(Searcher *self)
{
    free(self->pos.keys);
    free(self->pos.checks);
    free(self->pos.revfrom);
    free(self->pos.undo);
    Py_XDECREF(self->table);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Searcher(squares, turn, keys, checks, reversible_from, table, selective) */
static int searcher_init(Searcher *self, PyObject *args, PyObject *kwds)
{
    PyObject *squares, *keys, *checks, *revfrom;
    int turn, selective;
    Table *table;
    if (!ready) {
        PyErr_SetString(PyExc_RuntimeError, "init() has not been called");
        return -1;
    }
    if (self->ready || self->pos.keys) {
        PyErr_SetString(PyExc_RuntimeError, "a Searcher is set up once");
        return -1;
    }
    if (!PyArg_ParseTuple(args, "OpOOOO!p", &squares, &turn, &keys, &checks, &revfrom, &TableType, &table,
                          &selective))
        return -1;
    if (!table->entries) {
        PyErr_SetString(PyExc_ValueError, "the table was not set up");
        return -1;
    }
    Pos *p = &self->pos;
    int b[90];
    if (read_ints(squares, b, 90, "squares") < 0) return -1;
    Py_ssize_t n = PySequence_Length(keys);
    if (n < 1 || PySequence_Length(checks) != n || PySequence_Length(revfrom) != n) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "keys, checks and reversible_from must agree");
        return -1;
    }
    Py_ssize_t cap = n + 2 * SEARCH_PLIES + 8;
    p->keys = calloc((size_t)cap, sizeof(uint64_t));
    p->checks = calloc((size_t)cap, 1);
    p->revfrom = calloc((size_t)cap, sizeof(int));
    p->undo = calloc((size_t)cap, sizeof(Undo));
    if (!p->keys || !p->checks || !p->revfrom || !p->undo) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *k = PySequence_GetItem(keys, i), *c = PySequence_GetItem(checks, i), *r = PySequence_GetItem(revfrom, i);
        if (!k || !c || !r) {
            Py_XDECREF(k);
            Py_XDECREF(c);
            Py_XDECREF(r);
            return -1;
        }
        p->keys[i] = PyLong_AsUnsignedLongLong(k);
        p->checks[i] = (unsigned char)PyObject_IsTrue(c);
        p->revfrom[i] = (int)PyLong_AsLong(r);
        Py_DECREF(k);
        Py_DECREF(c);
        Py_DECREF(r);
        if (PyErr_Occurred()) return -1;
        if (p->revfrom[i] < 0 || p->revfrom[i] >= n) {
            PyErr_SetString(PyExc_ValueError, "reversible_from's indices must lie in the history");
            return -1;
        }
    }
    p->n = (int)n;
    p->nundo = 0;
    p->turn = turn;
    p->key = p->keys[n - 1];
    p->mg = p->eg = p->phase = 0;
    p->kings[0] = p->kings[1] = -1;
    memset(p->cnt, 0, sizeof p->cnt);
    for (int sq = 0; sq < 90; sq++) {
        int code = b[sq];
        if (code < -7 || code > 7) {
            PyErr_SetString(PyExc_ValueError, "a square holds no piece code");
            return -1;
        }
        p->b[sq] = (int8_t)code;
        if (!code) continue;
        p->cnt[C(code)]++;
        p->mg += MG[C(code)][sq];
        p->eg += EG[C(code)][sq];
        p->phase += PHASEW[C(code)];
        if (code == KING || code == -KING) p->kings[code > 0] = sq;
    }
    Py_INCREF(table);
    Py_XSETREF(self->table, table);
    self->selective = selective;
    self->nodes = 0;
    memset(self->killers, 0, sizeof self->killers);
    memset(self->history, 0, sizeof self->history);
    memset(self->pv_len, 0, sizeof self->pv_len);
    self->ready = 1;
    return 0;
}

static int usable(Searcher *self)
{
    if (!self->ready) {
        PyErr_SetString(PyExc_RuntimeError, "the Searcher was not set up");
        return 0;
    }
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "the Searcher is already searching");
        return 0;
    }
    return 1;
}

/* order_root(moves): the root's moves in the search's order (the table's move first). */
static PyObject *searcher_order_root(Searcher *self, PyObject *arg)
{
    int moves[MAX_MOVES];
    Py_ssize_t n;
    if (!usable(self) || read_moves(arg, moves, &n) < 0) return NULL;
    Entry *entry = probe(self->table, self->pos.key);
    order(self, moves, (int)n, entry ? entry->move : 0, 0);
    return moves_list(moves, n);
}

/* root(moves, depth, alpha, beta, bonus, result, tick) -> best score, as _Search.root. */
static PyObject *searcher_root(Searcher *self, PyObject *args)
{
    PyObject *moves_seq, *bonus, *result, *tick_fn;
    int depth, alpha, beta;
    if (!PyArg_ParseTuple(args, "OiiiO!O!O", &moves_seq, &depth, &alpha, &beta, &PyDict_Type, &bonus, &PyList_Type,
                          &result, &tick_fn))
        return NULL;
    int moves[MAX_MOVES], extra[MAX_MOVES];
    Py_ssize_t n;
    if (!usable(self) || read_moves(moves_seq, moves, &n) < 0) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = PyLong_FromLong(moves[i]);
        if (!key) return NULL;
        PyObject *value = PyDict_GetItemWithError(bonus, key);
        Py_DECREF(key);
        if (!value && PyErr_Occurred()) return NULL;
        extra[i] = value ? (int)PyLong_AsLong(value) : 0;
        if (PyErr_Occurred()) return NULL;
    }
    Pos *p = &self->pos;
    int best = -INF, found = 0, found_move = 0, found_score = 0, found_pv[SEARCH_PLIES], found_len = 0;
    self->tick = tick_fn;
    self->stopped = 0;
    self->err_type = self->err_value = self->err_tb = NULL;
    self->busy = 1;
    self->table->busy++;
    self->thread = PyEval_SaveThread();
    for (Py_ssize_t index = 0; index < n; index++) {
        int move = moves[index];
        make(p, move);
        int gives = in_check(p);
        p->checks[p->n - 1] = (unsigned char)gives;
        int e = extra[index], new_depth = depth - 1 + (gives ? 1 : 0), score;
        if (index == 0) {
            score = e - search(self, new_depth, e - beta, e - alpha, 1, gives, 1);
        } else {
            score = e - search(self, new_depth, e - alpha - 1, e - alpha, 1, gives, 1);
            if (!self->stopped && alpha < score && score < beta)
                score = e - search(self, new_depth, e - beta, e - alpha, 1, gives, 1);
        }
        unmake(p, move);
        if (self->stopped) break;
        if (score > best) {
            best = score;
            if (score > alpha) {
                found = 1;
                found_move = move;
                found_score = score - e;
                found_pv[0] = move;
                memcpy(&found_pv[1], self->pv[1], (size_t)self->pv_len[1] * sizeof(int));
                found_len = self->pv_len[1] + 1;
                alpha = score;
                if (alpha >= beta) break;
            }
        }
    }
    PyEval_RestoreThread(self->thread);
    self->thread = NULL;
    self->tick = NULL;
    self->busy = 0;
    self->table->busy--;
    if (found) {
        PyObject *pv = moves_list(found_pv, found_len);
        PyObject *entry = pv ? Py_BuildValue("(iiN)", found_move, found_score, pv) : NULL;
        PyObject *one = entry ? PyList_New(1) : NULL;
        int rc = -1;
        if (one) {
            PyList_SET_ITEM(one, 0, entry);
            rc = PyList_SetSlice(result, 0, PyList_GET_SIZE(result), one);
            Py_DECREF(one);
        } else {
            Py_XDECREF(entry);
        }
        if (rc < 0) {
            Py_XDECREF(self->err_type);
            Py_XDECREF(self->err_value);
            Py_XDECREF(self->err_tb);
            return NULL;
        }
    }
    if (self->stopped) {
        PyErr_Restore(self->err_type, self->err_value, self->err_tb);
        return NULL;
    }
    return PyLong_FromLong(best);
}

static PyObject *searcher_nodes(Searcher *self, void *closure) { return PyLong_FromLongLong(self->nodes); }

static PyMethodDef searcher_methods[] = {
    {"order_root", (PyCFunction)searcher_order_root, METH_O, "The root moves in the search's order."},
    {"root", (PyCFunction)searcher_root, METH_VARARGS,
     "root(moves, depth, alpha, beta, bonus, result, tick) -> best score; as engine_search._Search.root."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef searcher_getset[] = {
    {"nodes", (getter)searcher_nodes, NULL, "Nodes searched so far.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject SearcherType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "engine.xiangqi._csearch.Searcher",
    .tp_basicsize = sizeof(Searcher),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Searcher(squares, turn, keys, checks, reversible_from, table, selective): one analysis.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)searcher_init,
    .tp_dealloc = (destructor)searcher_dealloc,
    .tp_methods = searcher_methods,
    .tp_getset = searcher_getset,
};

/* ---- module functions: init and the checks the tests compare ------------------------------ */

static int read_u64s(PyObject *seq, uint64_t *out, Py_ssize_t n)
{
    PyObject *fast = PySequence_Fast(seq, "zobrist");
    if (!fast) return -1;
    if (PySequence_Fast_GET_SIZE(fast) != n) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "zobrist: wrong size");
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyLong_AsUnsignedLongLong(PySequence_Fast_GET_ITEM(fast, i));
        if (PyErr_Occurred()) {
            Py_DECREF(fast);
            return -1;
        }
    }
    Py_DECREF(fast);
    return 0;
}

static int read_bytes(PyObject *seq, unsigned char *out, Py_ssize_t n, const char *what)
{
    int *tmp = malloc((size_t)n * sizeof(int));
    if (!tmp) {
        PyErr_NoMemory();
        return -1;
    }
    int rc = read_ints(seq, tmp, n, what);
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) out[i] = (unsigned char)tmp[i];
    free(tmp);
    return rc;
}

static PyObject *item(PyObject *dict, const char *name)
{
    PyObject *v = PyDict_GetItemString(dict, name);
    if (!v) PyErr_Format(PyExc_KeyError, "init: missing %s", name);
    return v;
}

/* init(tables): the geometry, keys, evaluation and constants, flattened by engine_search.py. */
static PyObject *module_init(PyObject *self, PyObject *tables)
{
    if (!PyDict_Check(tables)) {
        PyErr_SetString(PyExc_TypeError, "init takes a dict");
        return NULL;
    }
    PyObject *v;
    int terms[1], scalars[10];
    if (!(v = item(tables, "zobrist")) || read_u64s(v, &ZOB[0][0], 15 * 90) < 0) return NULL;
    if (!(v = item(tables, "zobrist_black"))) return NULL;
    ZOB_BLACK = PyLong_AsUnsignedLongLong(v);
    if (PyErr_Occurred()) return NULL;
    if (!(v = item(tables, "mg")) || read_ints(v, &MG[0][0], 15 * 90, "mg") < 0) return NULL;
    if (!(v = item(tables, "eg")) || read_ints(v, &EG[0][0], 15 * 90, "eg") < 0) return NULL;
    if (!(v = item(tables, "phase")) || read_ints(v, PHASEW, 15, "phase") < 0) return NULL;
    if (!(v = item(tables, "values")) || read_ints(v, VAL, 15, "values") < 0) return NULL;
    if (!(v = item(tables, "rays")) || read_ints(v, &RAY[0][0][0], 90 * 4 * 9, "rays") < 0) return NULL;
    if (!(v = item(tables, "knight")) || read_ints(v, &KN[0][0][0], 90 * 8 * 2, "knight") < 0) return NULL;
    if (!(v = item(tables, "knight_attackers")) || read_ints(v, &KA[0][0][0], 90 * 8 * 2, "knight_attackers") < 0)
        return NULL;
    if (!(v = item(tables, "bishop")) || read_ints(v, &BI[0][0][0][0], 2 * 90 * 4 * 2, "bishop") < 0) return NULL;
    if (!(v = item(tables, "steps")) || read_ints(v, &ST[0][0][0][0], 3 * 2 * 90 * 4, "steps") < 0) return NULL;
    if (!(v = item(tables, "pawn_attackers")) || read_ints(v, &PA[0][0][0], 2 * 90 * 3, "pawn_attackers") < 0)
        return NULL;
    if (!(v = item(tables, "king_line")) || read_bytes(v, &KING_LINE[0][0], 90 * 90, "king_line") < 0) return NULL;
    if (!(v = item(tables, "king_exposed")) || read_bytes(v, &KING_EXPOSED[0][0], 90 * 90, "king_exposed") < 0)
        return NULL;
    if (!(v = item(tables, "king_checked")) || read_bytes(v, &KING_CHECKED[0][0], 90 * 90, "king_checked") < 0)
        return NULL;
    if (!(v = item(tables, "has_terms")) || read_ints(v, terms, 1, "has_terms") < 0) return NULL;
    HAS_TERMS = terms[0];
    if (!(v = item(tables, "terms"))) return NULL;
    PyObject *fast = PySequence_Fast(v, "terms");
    if (!fast) return NULL;
    if (PySequence_Fast_GET_SIZE(fast) != 6) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "terms: six weights (mg, then eg)");
        return NULL;
    }
    for (int i = 0; i < 3 && !PyErr_Occurred(); i++) {
        TERM_MG[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, i));
        if (!PyErr_Occurred()) TERM_EG[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, i + 3));
    }
    Py_DECREF(fast);
    if (PyErr_Occurred()) return NULL;
    /* phase_max, lazy_margin, reverse_futility, then constants compiled in, only checked */
    if (!(v = item(tables, "scalars")) || read_ints(v, scalars, 10, "scalars") < 0) return NULL;
    PHASE_MAX = scalars[0];
    LAZY_MARGIN = scalars[1];
    REVERSE_FUTILITY = scalars[2];
    static const int compiled_in[7] = {MATE, MATE_BOUND, RULE_WIN, MAX_PLY, INF, LOWER, UPPER};
    for (int i = 0; i < 7; i++) {
        if (scalars[3 + i] != compiled_in[i]) {
            PyErr_SetString(PyExc_ValueError,
                            "MATE, MATE_BOUND, RULE_WIN, MAX_PLY, INFINITE, LOWER or UPPER differ from the compiled search's");
            return NULL;
        }
    }
    if (!(v = item(tables, "futility"))) return NULL;
    N_FUTILITY = (int)PySequence_Length(v);
    if (N_FUTILITY < 0 || N_FUTILITY > 8 || read_ints(v, FUTILITY, N_FUTILITY, "futility") < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "futility: at most 8 margins");
        return NULL;
    }
    ready = 1;
    Py_RETURN_NONE;
}

static int position_from(PyObject *args, Pos *p, int b[90], uint64_t *key_store, unsigned char *check_store,
                         int *rev_store, Undo *undo)
{
    PyObject *squares;
    int turn;
    if (!PyArg_ParseTuple(args, "Op", &squares, &turn)) return -1;
    if (read_ints(squares, b, 90, "squares") < 0) return -1;
    memset(p, 0, sizeof *p);
    p->keys = key_store;
    p->checks = check_store;
    p->revfrom = rev_store;
    p->undo = undo;
    p->n = 1;
    p->turn = turn;
    p->kings[0] = p->kings[1] = -1;
    for (int sq = 0; sq < 90; sq++) {
        if (b[sq] < -7 || b[sq] > 7) {
            PyErr_SetString(PyExc_ValueError, "a square holds no piece code");
            return -1;
        }
        p->b[sq] = (int8_t)b[sq];
        if (b[sq]) {
            p->cnt[C(b[sq])]++;
            p->mg += MG[C(b[sq])][sq];
            p->eg += EG[C(b[sq])][sq];
            p->phase += PHASEW[C(b[sq])];
        }
        if (b[sq] == KING || b[sq] == -KING) p->kings[b[sq] > 0] = sq;
    }
    return 0;
}

static long long perft(Pos *p, int depth)
{
    if (depth <= 0) return 1;
    int moves[MAX_MOVES], n = gen_moves(p, moves, 0);
    long long total = 0;
    for (int i = 0; i < n; i++) {
        make(p, moves[i]);
        int king = p->kings[!p->turn];
        if (!(king >= 0 && attacked(p->b, king, p->turn))) total += depth > 1 ? perft(p, depth - 1) : 1;
        unmake(p, moves[i]);
    }
    return total;
}

#define SCRATCH 128
static uint64_t scratch_keys[SCRATCH];
static unsigned char scratch_checks[SCRATCH];
static int scratch_rev[SCRATCH];
static Undo scratch_undo[SCRATCH];

/* perft(squares, turn, depth): leaf count of the legal move tree, as search_board.perft. */
static PyObject *module_perft(PyObject *self, PyObject *args)
{
    PyObject *squares;
    int turn, depth, b[90];
    Pos p;
    if (!ready) {
        PyErr_SetString(PyExc_RuntimeError, "init() has not been called");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "Opi", &squares, &turn, &depth)) return NULL;
    if (depth < 0 || depth > 8) {
        PyErr_SetString(PyExc_ValueError, "depth 0..8");
        return NULL;
    }
    PyObject *pair = Py_BuildValue("(OO)", squares, turn ? Py_True : Py_False);
    if (!pair) return NULL;
    int rc = position_from(pair, &p, b, scratch_keys, scratch_checks, scratch_rev, scratch_undo);
    Py_DECREF(pair);
    if (rc < 0) return NULL;
    return PyLong_FromLongLong(perft(&p, depth));
}

/* evaluate(squares, turn): the full evaluation (no window), as evaluation.evaluate. */
static PyObject *module_evaluate(PyObject *self, PyObject *args)
{
    int b[90];
    Pos p;
    if (!ready) {
        PyErr_SetString(PyExc_RuntimeError, "init() has not been called");
        return NULL;
    }
    if (position_from(args, &p, b, scratch_keys, scratch_checks, scratch_rev, scratch_undo) < 0) return NULL;
    return PyLong_FromLong(evaluate(&p, 0, 0, 0));
}

static PyMethodDef module_methods[] = {
    {"init", module_init, METH_O, "init(tables): hand over the geometry, keys, evaluation and constants."},
    {"perft", module_perft, METH_VARARGS, "perft(squares, turn, depth) -> leaf count."},
    {"evaluate", module_evaluate, METH_VARARGS, "evaluate(squares, turn) -> centipawns for the side to move."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_csearch",
    .m_doc = "The xiangqi search, compiled (see engine_search.py).",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC PyInit__csearch(void)
{
    if (PyType_Ready(&TableType) < 0 || PyType_Ready(&SearcherType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    if (PyModule_AddObjectRef(m, "Table", (PyObject *)&TableType) < 0 ||
        PyModule_AddObjectRef(m, "Searcher", (PyObject *)&SearcherType) < 0 ||
        PyModule_AddIntConstant(m, "ABI", ABI_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
