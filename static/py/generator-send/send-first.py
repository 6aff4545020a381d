N = 10


def consumer():
    while True:
        item = yield
        print(f"consuming: {item}")


def producer(n, c):
    for i in range(n):
        print(f"producting: {i}")
        c.send(i)  # TypeError: can't send non-None value to a just-started generator
    c.close()


producer(N, consumer())
