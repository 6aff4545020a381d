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
# Ours: the article's program without next(c), which its words say fails: "没有`next(c)`是会报错的哦".
producer(10, c) # 调用生产者函数
