N = 10


def consumer():
    while True:
        item = yield
        print(f"consuming: {item}")


def producer(n, c):
    next(c)  # run the consumer up to its first yield
    for i in range(n):
        print(f"producting: {i}")
        c.send(i)
    c.close()


producer(N, consumer())
