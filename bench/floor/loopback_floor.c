// The kernel's floor for a broadcast on this machine: one thread on CPU W sends one small frame to each of N
// loopback TCP sockets (one send() per socket, as a server writes one frame per socket), and a reader
// thread on CPU R drains them with epoll, as the bench does. No JVM, no framing, no JSON: whatever a server
// adds to these figures is its own cost.
//
//   loopback_floor [sockets=500] [rounds=300] [writer_cpu=0] [reader_cpu=1] [frame_bytes=64]
//
// Prints, over the rounds after a 20-round warm-up: the writer's time per broadcast and per send, and the
// reader's first arrival, first-to-last spread and send-to-last times (p50 and p99).
#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define WARMUP 20
static int sockets = 500, rounds = 300, writer_cpu = 0, reader_cpu = 1, frame = 64;
static int *srv, *cli, *got;
static long *sent_at, *first_at, *last_at;

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) perror("sched_setaffinity");
}

// frames carry their round number at offset 0; a read may hold several frames of one socket
static void *reader(void *unused) {
  (void) unused;
  pin(reader_cpu);
  int ep = epoll_create1(0);
  for (int i = 0; i < sockets; i++) {
    struct epoll_event e = {.events = EPOLLIN, .data.fd = cli[i]};
    epoll_ctl(ep, EPOLL_CTL_ADD, cli[i], &e);
  }
  struct epoll_event ev[512];
  char buf[65536];
  long total = 0, expected = (long) sockets * rounds;
  while (total < expected) {
    int n = epoll_wait(ep, ev, 512, 2000);
    if (n <= 0) break;  // nothing for 2 s: the counts below show what was lost
    for (int i = 0; i < n; i++) {
      int r = (int) read(ev[i].data.fd, buf, sizeof buf);
      for (int off = 0; off + frame <= r; off += frame) {
        int round;
        memcpy(&round, buf + off, sizeof round);
        long t = now_ns();
        if (got[round]++ == 0) first_at[round] = t;
        last_at[round] = t;
        total++;
      }
    }
  }
  return NULL;
}

static int cmp(const void *a, const void *b) {
  long x = *(const long *) a, y = *(const long *) b;
  return x < y ? -1 : x > y;
}

static void report(const char *what, long *v, int n) {
  qsort(v, n, sizeof *v, cmp);
  printf("  %-26s p50 %8.1f us   p99 %8.1f us\n", what, v[n / 2] / 1e3, v[n * 99 / 100] / 1e3);
}

int main(int argc, char **argv) {
  if (argc > 1) sockets = atoi(argv[1]);
  if (argc > 2) rounds = atoi(argv[2]);
  if (argc > 3) writer_cpu = atoi(argv[3]);
  if (argc > 4) reader_cpu = atoi(argv[4]);
  if (argc > 5) frame = atoi(argv[5]);
  if (sockets < 1 || rounds <= WARMUP || frame < (int) sizeof(int) || frame > 4096) {
    fprintf(stderr, "usage: %s [sockets>0] [rounds>%d] [writer_cpu] [reader_cpu] [frame_bytes 4..4096]\n",
        argv[0], WARMUP);
    return 2;
  }
  srv = calloc(sockets, sizeof *srv);
  cli = calloc(sockets, sizeof *cli);
  got = calloc(rounds, sizeof *got);
  sent_at = calloc(rounds, sizeof *sent_at);
  first_at = calloc(rounds, sizeof *first_at);
  last_at = calloc(rounds, sizeof *last_at);
  int one = 1, l = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001)};
  socklen_t alen = sizeof a;
  if (bind(l, (void *) &a, sizeof a) || listen(l, 4096) || getsockname(l, (void *) &a, &alen)) {
    perror("listen on 127.0.0.1");
    return 1;
  }
  for (int i = 0; i < sockets; i++) {
    cli[i] = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(cli[i], (void *) &a, sizeof a) != 0 || (srv[i] = accept(l, NULL, NULL)) < 0) {
      perror("connect/accept (raise ulimit -n?)");
      return 1;
    }
    setsockopt(srv[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  pthread_t t;
  pthread_create(&t, NULL, reader, NULL);
  pin(writer_cpu);
  usleep(100000);
  long *writer = calloc(rounds, sizeof *writer);
  char *msg = calloc(1, frame);
  for (int r = 0; r < rounds; r++) {
    memcpy(msg, &r, sizeof r);
    long t0 = now_ns();
    sent_at[r] = t0;
    for (int i = 0; i < sockets; i++) {
      if (send(srv[i], msg, frame, 0) != frame) perror("send");
    }
    writer[r] = now_ns() - t0;
    usleep(10000);  // S2's pace is 10/s; 100/s keeps the run short and the sockets drained
  }
  pthread_join(t, NULL);
  int n = 0, lost = 0;
  long *first = calloc(rounds, sizeof *first), *spread = calloc(rounds, sizeof *spread),
       *last = calloc(rounds, sizeof *last), *w = calloc(rounds, sizeof *w);
  for (int r = WARMUP; r < rounds; r++) {
    lost += sockets - got[r];
    if (got[r] != sockets) continue;
    first[n] = first_at[r] - sent_at[r];
    spread[n] = last_at[r] - first_at[r];
    last[n] = last_at[r] - sent_at[r];
    w[n] = writer[r];
    n++;
  }
  if (n == 0) {
    fprintf(stderr, "no complete round (lost %d frames)\n", lost);
    return 1;
  }
  printf("%d sockets, %d-byte frames, %d rounds measured, writer CPU %d, reader CPU %d, lost %d\n", sockets,
      frame, n, writer_cpu, reader_cpu, lost);
  report("writer time per broadcast", w, n);
  printf("  writer time per send       p50 %8.2f us\n", w[n / 2] / 1e3 / sockets);
  report("send -> first arrival", first, n);
  report("first -> last arrival", spread, n);
  report("send -> last arrival", last, n);
  return lost == 0 ? 0 : 1;
}
