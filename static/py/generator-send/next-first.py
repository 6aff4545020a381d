def producer(n, consumer):
    for i in range(n):
        print("producting:", i)
        consumer.send(i) 
        # 将i发送到yield位置并从该位置调用生成器

def consumer():
    while(True):
        i = yield True
        print("consuming:", i)

c = consumer() # 一个生成器实例
next(c) # 先让c到第一次yield处，不然没法接收send
producer(10, c) # 调用生产者函数
