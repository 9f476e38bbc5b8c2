#ifndef REDLINE_CHYPERSCAN_SHIM_H
#define REDLINE_CHYPERSCAN_SHIM_H
#include <hs/hs.h>
#include <stdlib.h>

/// Hits of one scan: (pattern id, end offset) pairs, in the order Hyperscan reports them.
typedef struct redline_hits {
    unsigned int *ids;
    unsigned long long *ends;
    size_t count;
    size_t capacity;
} redline_hits;

/// The match callback: appends one hit; stops the scan (returns 1) only when memory runs out.
static inline int redline_on_match(unsigned int id, unsigned long long from, unsigned long long to,
                                   unsigned int flags, void *context) {
    (void)from; (void)flags;
    redline_hits *hits = (redline_hits *)context;
    if (hits->count == hits->capacity) {
        size_t capacity = hits->capacity ? hits->capacity * 2 : 256;
        unsigned int *ids = (unsigned int *)realloc(hits->ids, capacity * sizeof(unsigned int));
        if (!ids) return 1;
        hits->ids = ids;
        unsigned long long *ends = (unsigned long long *)realloc(hits->ends, capacity * sizeof(unsigned long long));
        if (!ends) return 1;
        hits->ends = ends;
        hits->capacity = capacity;
    }
    hits->ids[hits->count] = id;
    hits->ends[hits->count] = to;
    hits->count += 1;
    return 0;
}

/// Scans `data` with `db`, appending every match end to `hits`.
static inline hs_error_t redline_hs_scan(const hs_database_t *db, const char *data, unsigned int length,
                                         hs_scratch_t *scratch, redline_hits *hits) {
    return hs_scan(db, data, length, 0, scratch, redline_on_match, hits);
}

static inline void redline_hits_free(redline_hits *hits) {
    free(hits->ids);
    free(hits->ends);
    hits->ids = NULL; hits->ends = NULL; hits->count = 0; hits->capacity = 0;
}
#endif
